"""How things become search documents, and the writes that keep the index current.

Each app lists what of it is searchable in its own ``<app>/search.py`` with ``register``:
the model, how one object becomes a ``Document`` (or ``None`` when nobody may find it:
hidden, deleted, a draft), every object to index for ``search_reindex``, the other indexed
objects whose documents depend on it (a post's comments follow the post), and the models
whose changes rewrite it (its tags). ``search`` connects the signals; nothing else writes
``SearchDocument``.

Writes that bypass ``post_save`` (``QuerySet.update``, bulk moves) call ``index(obj)`` or
``index_many(objects)`` themselves. Writing one document costs a few queries: the stored
row is read once (to know whether its placement changed), then written with one upsert.
"""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from html import unescape
from itertools import islice

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import F, Prefetch
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules
from taggit.managers import TaggableManager

from search.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, SearchDocument, SearchDocumentTag

BATCH_SIZE = 2_000
# ``_upsert`` writes documents in SQL (INSERT ... ON CONFLICT DO UPDATE, UPSERT_ROWS at a
# time) rather than with ``bulk_create(update_conflicts=True)``, which spends more time
# compiling a batch than the database spends storing it (search_reindex of 1M rows).
# PostgreSQL and SQLite 3.35+ both run it; on PostgreSQL the trigger of migration 0002
# computes ``vector``.
UPSERT_ROWS = 500
UPSERT_COLUMNS = (
    "kind", "object_id", "url", "created_at", "title", "body", "keywords", "subtitle",
    "community_id", "origin_community_id", "author_id", "engagement", "indexed_at",
)  # fmt: skip
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|li|ul|ol|h[1-6]|blockquote|pre|hr|div|table|tr|td|th|img)\b[^>]*>", re.I
)
_INLINE_TAG = re.compile(r"<[^>]+>")
# What of a document its dependents copy: when none of it changes, they are left alone.
PLACEMENT = ("community_id", "origin_community_id", "title", "url")


@dataclass(frozen=True)
class Document:
    """What one object contributes to the index."""

    url: str
    created_at: datetime
    title: str = ""
    body: str = ""
    keywords: str = ""
    subtitle: str = ""
    community_id: int | None = None
    origin_community_id: int | None = None
    author_id: int | None = None
    engagement: int = 0
    tag_ids: tuple[int, ...] = ()

    def row(self) -> dict:
        return {
            "url": self.url,
            "created_at": self.created_at,
            "title": self.title[:TITLE_MAX_LENGTH],
            "body": self.body[:BODY_MAX_LENGTH],
            "keywords": self.keywords,
            "subtitle": self.subtitle[:TITLE_MAX_LENGTH],
            "community_id": self.community_id,
            "origin_community_id": self.origin_community_id,
            "author_id": self.author_id,
            "engagement": max(0, self.engagement),
        }

    def placement(self) -> tuple:
        row = self.row()
        return tuple(row[name] for name in PLACEMENT)


def _nothing(_obj) -> Iterable:
    return ()


def batched(iterable: Iterable, size: int) -> Iterator[tuple]:
    """``itertools.batched`` (Python 3.12)."""
    iterator = iter(iterable)
    while batch := tuple(islice(iterator, size)):
        yield batch


@dataclass(frozen=True)
class Source:
    kind: str
    model: type[models.Model]
    document: Callable[[models.Model], Document | None]
    # Every object of the kind, with what ``document`` needs loaded (for ``search_reindex``).
    # It may leave out objects that never have a document; theirs are removed.
    queryset: Callable[[], models.QuerySet]
    dependents: Callable[[models.Model], Iterable[models.Model]] = _nothing
    # {model: instance -> objects of this kind to re-index when an instance is saved or deleted}
    watch: dict = field(default_factory=dict)
    # The model fields the document is made of: a save(update_fields=...) touching none of
    # them (a login's ``last_login``) leaves the document alone. Empty: every save counts.
    fields: frozenset = frozenset()
    # Rebuilt after the kinds with a lower order (comments copy their target's document).
    order: int = 0
    tagged: bool = False


_sources: dict[str, Source] = {}
_paused: ContextVar[bool] = ContextVar("search_indexing_paused", default=False)
# Inside ``coalesced``: {(kind, object id): the object last saved}, written when it ends.
_pending: ContextVar[dict | None] = ContextVar("search_indexing_pending", default=None)
# The object whose insert is being indexed (``post_save`` with ``created``).
_inserted: ContextVar[object | None] = ContextVar("search_indexing_inserted", default=None)


def register(
    kind, model, *, document, queryset, dependents=_nothing, watch=None, fields=(), order=0
) -> None:
    taggers = [f for f in model._meta.get_fields() if isinstance(f, TaggableManager)]
    source = Source(
        kind,
        model,
        document,
        queryset,
        dependents,
        watch or {},
        frozenset(fields),
        order,
        tagged=any(f.name == "tags" for f in taggers),
    )
    _sources[kind] = source
    uid = f"search-{kind}"
    post_save.connect(_saved, sender=model, weak=False, dispatch_uid=f"{uid}-save")
    post_delete.connect(_deleted, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
    # Tags (and a person's skills and interests) change through taggit, which sends one
    # m2m_changed per add/remove/clear rather than a save per tag.
    for tagger in taggers:
        m2m_changed.connect(
            _tags_changed, sender=tagger.through, weak=False, dispatch_uid=f"{uid}-{tagger.name}"
        )
    for watched, affected in source.watch.items():

        def _changed(sender, instance, _affected=affected, raw=False, **kwargs):
            if raw:
                return
            objects = _affected(instance)
            if isinstance(objects, models.QuerySet):  # Maybe many: in batches.
                index_many(objects)
                return
            for obj in objects:
                if obj is not None:
                    index(obj)

        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=watched, weak=False, dispatch_uid=f"{uid}-{watched}")


def autodiscover() -> None:
    autodiscover_modules("search")


def sources() -> dict[str, Source]:
    """The registered kinds, in the order ``search_reindex`` rebuilds them."""
    return dict(sorted(_sources.items(), key=lambda item: item[1].order))


def source_for(obj) -> Source | None:
    return next((s for s in _sources.values() if isinstance(obj, s.model)), None)


def plain_text(html: str) -> str:
    """The running text of sanitised HTML (``core.markdown``'s), one space between words.
    Unlike ``blog.text.plain_text``, inline tags join their text to what surrounds it
    ("*one*?" is "one?", not "one ?"), so snippets read as written."""
    return " ".join(unescape(_INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", html or ""))).split())


def text_of(text: str) -> str:
    """``text`` with its words only: no markup, entities decoded, one space between words."""
    return " ".join(unescape(text or "").split())


def in_every_language(label) -> str:
    """A translatable label in each of the site's languages ("Teamwork Kerja sama tim"), so
    the document is found in either."""
    words = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.append(str(label))
    return " ".join(dict.fromkeys(words))


def prefetch_tags(model, name: str = "tags") -> Prefetch:
    """Load the tags of many objects in one query, for ``tags_of`` (taggit's own prefetch
    builds a queryset per object: slow for a batch of thousands)."""
    through = model._meta.get_field(name).remote_field.through
    items = through._meta.get_field("content_object").remote_field.get_accessor_name()
    loaded = through.objects.select_related("tag")
    return Prefetch(items, queryset=loaded, to_attr=f"_{name}_loaded")


def tags_of(obj, name: str = "tags") -> list:
    """``obj``'s tags (taggit field ``name``) sorted by name: from ``prefetch_tags`` when it
    ran, none for an object being indexed as it is inserted (its tag rows need its id, so
    they come after, and index it again), else in one query."""
    if obj is _inserted.get():
        return []
    items = getattr(obj, f"_{name}_loaded", None)
    tags = [item.tag for item in items] if items is not None else getattr(obj, name).all()
    return sorted(tags, key=lambda tag: tag.name)


@contextmanager
def paused() -> Iterator[None]:
    """Write without indexing (bulk loads that end with ``search_reindex``)."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


@contextmanager
def coalesced() -> Iterator[None]:
    """Write each document once, when the block ends, however often its object is saved
    inside: a service that inserts a thread, then stores its rendered body, then sets its
    tags writes the thread's document once instead of three times. Use it (also as a
    decorator, ``@coalesced()``) inside the transaction of a whole service, whose writes
    commit or fail together: nothing is written when the block raises. Nested blocks leave
    the writing to the outermost; one that raises (its writes rolled back with its
    savepoint, the error caught outside) takes back what it added."""
    if _paused.get():
        yield
        return
    outer = _pending.get()
    if outer is not None:
        before = dict(outer)
        try:
            yield
        except BaseException:
            outer.clear()
            outer.update(before)
            raise
        return
    pending: dict = {}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    # Kinds in rebuild order: a comment copies the document of the post it is on.
    for _key, obj in sorted(pending.items(), key=lambda item: _sources[item[0][0]].order):
        index(obj)


def _defer(source: Source, obj) -> bool:
    """Keep ``obj`` for the end of the ``coalesced`` block, if in one."""
    pending = _pending.get()
    if pending is None:
        return False
    key = (source.kind, obj.pk)
    pending.pop(key, None)  # Written in the order of the last saves.
    pending[key] = obj
    return True


def _flush(source: Source, object_id) -> None:
    """Write the pending document of ``object_id`` now (before a change made in SQL)."""
    pending = _pending.get()
    obj = pending.pop((source.kind, object_id), None) if pending else None
    if obj is not None:
        token = _pending.set(None)  # Outside the block for this one write.
        try:
            index(obj)
        finally:
            _pending.reset(token)


def _saved(sender, instance, raw=False, update_fields=None, created=False, **kwargs):
    if raw:
        return
    source = source_for(instance)
    if source is not None and source.fields and update_fields is not None:
        if not source.fields.intersection(update_fields):
            return
    token = _inserted.set(instance if created else None)
    try:
        index(instance)
    finally:
        _inserted.reset(token)


def _deleted(sender, instance, **kwargs):
    source = source_for(instance)
    if source is not None and not _paused.get():
        (_pending.get() or {}).pop((source.kind, instance.pk), None)  # Gone: nothing to write.
        _delete_documents(SearchDocument.objects.filter(kind=source.kind, object_id=instance.pk))


def _tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return
    index(instance)


def index(obj) -> SearchDocument | None:
    """Write ``obj``'s document (or remove it when nobody may find ``obj``), then, when its
    placement changed, those of the objects that depend on it. Inside ``coalesced``: when
    the block ends (and None is returned now)."""
    source = source_for(obj)
    if source is None or _paused.get() or obj.pk is None or _defer(source, obj):
        return None
    with transaction.atomic(savepoint=False):
        before = (
            SearchDocument.objects.filter(kind=source.kind, object_id=obj.pk)
            .values_list("pk", *PLACEMENT)
            .first()
        )
        document = source.document(obj)
        stored = None
        if document is None:
            if before is not None:
                _delete_documents(SearchDocument.objects.filter(pk=before[0]))
        else:
            ids = _upsert(source, {obj.pk: document}, known=before is not None)
            pk = ids.get(obj.pk) or before[0]  # Not in ``ids``: stored already, unchanged.
            stored = SearchDocument(pk=pk, kind=source.kind, object_id=obj.pk, **document.row())
            stored._state.adding = False
        if _placement(before) != (document.placement() if document else None):
            index_many(source.dependents(obj))
    return stored


def index_many(objects) -> None:
    """Rewrite the documents of ``objects`` (instances of registered models, or a queryset of
    one), in batches, and those of their dependents when their placement changed."""
    if _paused.get():
        return
    ids = defaultdict(list)
    if isinstance(objects, models.QuerySet):
        source = _source_of_model(objects.model)
        if source is not None:
            ids[source.kind] = list(objects.values_list("pk", flat=True))
    else:
        for obj in objects:
            source = source_for(obj)
            if source is not None and obj.pk is not None:
                ids[source.kind].append(obj.pk)
    for kind, pks in ids.items():
        source = _sources[kind]
        for chunk in batched(dict.fromkeys(pks), BATCH_SIZE):
            _index_chunk(source, list(chunk))


def refresh(kind: str, object_ids: Iterable[int]) -> None:
    """Rewrite the documents of ``kind`` for ``object_ids``, removing those whose object is
    gone (the admin's "Re-index selected")."""
    source = _sources.get(kind)
    if source is None or _paused.get():
        return
    for chunk in batched(dict.fromkeys(object_ids), BATCH_SIZE):
        _index_chunk(source, list(chunk))


def _index_chunk(source: Source, pks: list[int]) -> None:
    with transaction.atomic(savepoint=False):
        before = {
            row[0]: row[1:]
            for row in SearchDocument.objects.filter(
                kind=source.kind, object_id__in=pks
            ).values_list("object_id", *PLACEMENT)
        }
        objects = {obj.pk: obj for obj in source.queryset().filter(pk__in=pks)}
        documents = {pk: source.document(obj) for pk, obj in objects.items()}
        write(source, documents, gone=[pk for pk in pks if pk not in objects])
        changed = [
            obj
            for pk, obj in objects.items()
            if before.get(pk) != (documents[pk].placement() if documents[pk] else None)
        ]
        # Left out of the queryset (in the trash, hidden) while they had a document: their
        # dependents go too.
        vanished = [pk for pk in pks if pk not in objects and pk in before]
        if vanished:
            changed += list(source.model._base_manager.filter(pk__in=vanished))
        for obj in changed:
            index_many(source.dependents(obj))


def write(source: Source, documents: dict, *, gone: Iterable[int] = ()) -> None:
    """Store ``{object id: Document or None}`` of ``source``'s kind in bulk, and remove the
    documents of the ids in ``gone`` and of those whose document is None."""
    kept = {pk: doc for pk, doc in documents.items() if doc is not None}
    removed = [pk for pk, doc in documents.items() if doc is None] + list(gone)
    if kept:
        _upsert(source, kept)
    if removed:
        _delete_documents(SearchDocument.objects.filter(kind=source.kind, object_id__in=removed))


def engagement_add(obj, delta: int) -> None:
    """Follow a counter kept with ``QuerySet.update`` (reactions, comments) in ``obj``'s
    document, in one query."""
    source = source_for(obj)
    if source is None or _paused.get() or not delta:
        return
    _flush(source, obj.pk)
    SearchDocument.objects.filter(kind=source.kind, object_id=obj.pk).update(
        engagement=Greatest(F("engagement") + delta, 0)
    )


def rebuild(kind: str, *, batch_size: int = BATCH_SIZE, progress=None) -> tuple[int, int]:
    """Rewrite every document of ``kind`` from its objects, in batches, and remove those of
    objects that are gone; returns (documents written, documents removed). ``progress`` is
    called with the number of objects done after each batch."""
    source = _sources[kind]
    written = 0
    rows = source.queryset().order_by("pk").iterator(chunk_size=batch_size)
    for batch in batched(rows, batch_size):
        with transaction.atomic():
            documents = {obj.pk: source.document(obj) for obj in batch}
            write(source, documents)
        written += sum(doc is not None for doc in documents.values())
        if progress is not None:
            progress(len(batch))
    stale = SearchDocument.objects.filter(kind=kind).exclude(
        models.Exists(source.queryset().filter(pk=models.OuterRef("object_id")).values("pk"))
    )
    removed = 0
    for chunk in batched(list(stale.values_list("pk", flat=True)), batch_size):
        removed += _delete_documents(SearchDocument.objects.filter(pk__in=chunk))
    return written, removed


def _source_of_model(model) -> Source | None:
    return next((s for s in _sources.values() if issubclass(model, s.model)), None)


def _placement(row) -> tuple | None:
    return None if row is None else tuple(row[1:])


def _upsert(source: Source, documents: dict, *, known: bool = True) -> dict[int, int]:
    """Insert or update the documents (one statement per ``UPSERT_ROWS``), then their tags;
    returns {object id: document id} of those inserted or changed (an unchanged document,
    keywords and so tag names included, is not written again). ``known=False`` says none of
    them was stored before (no old tags to look for)."""
    now = _adapted(timezone.now())
    ids = {}
    for chunk in batched(documents.items(), UPSERT_ROWS):
        params = []
        for object_id, doc in chunk:
            row = doc.row()
            params += [source.kind, object_id]
            params += [_adapted(row[name]) for name in UPSERT_COLUMNS[2:-1]]
            params.append(now)
        with connection.cursor() as cursor:
            cursor.execute(_upsert_sql(len(chunk)), params)
            ids.update((object_id, pk) for pk, object_id in cursor.fetchall())
    if source.tagged and ids:
        wanted = {
            (ids[object_id], tag_id)
            for object_id, doc in documents.items()
            if object_id in ids
            for tag_id in doc.tag_ids
        }
        _set_tags(list(ids.values()), wanted, known=known)
    return ids


def _adapted(value):
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _upsert_sql(rows: int) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in UPSERT_COLUMNS)
    values = ", ".join(["(" + ", ".join(["%s"] * len(UPSERT_COLUMNS)) + ")"] * rows)
    table = quote(SearchDocument._meta.db_table)
    updates = ", ".join(f"{quote(name)} = EXCLUDED.{quote(name)}" for name in UPSERT_COLUMNS[2:])
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    changed = " OR ".join(
        f"{table}.{quote(name)} {differs} EXCLUDED.{quote(name)}" for name in UPSERT_COLUMNS[2:-1]
    )
    # A row that would not change is left alone: no new tuple, no trigger, no GIN work.
    return (
        f"INSERT INTO {table} ({columns}) VALUES {values} "
        f"ON CONFLICT ({quote('kind')}, {quote('object_id')}) DO UPDATE SET {updates} "
        f"WHERE {changed} RETURNING {quote('id')}, {quote('object_id')}"
    )


def _set_tags(document_ids: list[int], wanted: set, *, known: bool) -> None:
    have = {}
    if known:
        have = {
            (document_id, tag_id): pk
            for pk, document_id, tag_id in SearchDocumentTag.objects.filter(
                document_id__in=document_ids
            ).values_list("pk", "document_id", "tag_id")
        }
    extra = [pk for pair, pk in have.items() if pair not in wanted]
    if extra:
        SearchDocumentTag.objects.filter(pk__in=extra).delete()
    missing = wanted - have.keys()
    if missing:
        SearchDocumentTag.objects.bulk_create(
            [SearchDocumentTag(document_id=d, tag_id=t) for d, t in missing],
            ignore_conflicts=True,
        )


def _delete_documents(queryset) -> int:
    """Delete documents and their tag rows: two queries, whatever their number."""
    SearchDocumentTag.objects.filter(document__in=queryset.values("pk")).delete()
    return queryset._raw_delete(queryset.db)
