"""Pages: write, revise (with edit conflicts merged where they can be), revert, move,
protect, delete and restore.

Every save of a page's title or text is a ``PageRevision`` numbered 1, 2, 3...; the page row
holds the current title and text and is locked while a revision is written, so two saves
never get the same number and no save is lost: one made on top of an older revision than the
current one is refused with ``EditConflict``, which carries the person's text and a merged
proposal for them to resolve.

A new page is also a card in the feeds (``feed.services.items``): placed and tagged like the
page, withdrawn when it is deleted, back when it is restored.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from feed.models import PostKind
from feed.services.items import (
    item_post_publish,
    item_post_restore,
    item_post_sync,
    item_post_withdraw,
)
from feed.services.posts import check_posting_rate
from moderation.models import ActionType
from moderation.services import audit_record
from profiles.models import User
from search import indexing
from wiki import permissions
from wiki.merge import merge3
from wiki.models import Page, PageRevision, RevisionKind, Space, Watch
from wiki.services._common import (
    check_title_free,
    claim_slug,
    clean_body,
    clean_summary,
    clean_tags,
    clean_title,
    collect,
    free_page_slug,
    lock_page,
    merge_tags,
    publish,
    remember_slug,
    render_onto,
    store_links,
    tag_names,
    title_taken_message,
    write_revision,
)
from wiki.text import page_slug

# Foreign keys come from objects already loaded; checking them would only cost queries, and
# the services check the per-space address themselves (with a friendlier message).
_NOT_CHECKED = ["author", "community", "hidden_by", "space", "parent", "edited_by", "deleted_by"]


class EditConflict(Exception):
    """A save on top of ``base`` when the page is already at ``current``: nothing was saved.

    ``mine_title`` / ``mine_body`` are what the person sent (kept until they resolve it);
    ``merged_title`` / ``merged_body`` a proposal with both sets of changes, ``clean`` False
    when they overlapped (the body then holds conflict markers)."""

    def __init__(
        self,
        *,
        page: Page,
        base: PageRevision,
        current: PageRevision,
        mine_title: str,
        mine_body: str,
        merged_title: str,
        merged_body: str,
        clean: bool,
        mine_summary: str = "",
        mine_tags=None,
    ):
        super().__init__(
            f"Page {page.pk} is at revision {current.number}; the edit was based on "
            f"revision {base.number}."
        )
        self.page, self.base, self.current = page, base, current
        self.mine_title, self.mine_body = mine_title, mine_body
        self.merged_title, self.merged_body, self.clean = merged_title, merged_body, clean
        self.mine_summary, self.mine_tags = mine_summary, mine_tags


def _watch(page: Page, user: User) -> None:
    """``user`` watches ``page`` (the writers of a page do, without asking)."""
    Watch.objects.bulk_create([Watch(user=user, space_id=page.space_id, page=page)],
                              ignore_conflicts=True)  # fmt: skip


def _sync_feed_item(page: Page) -> None:
    """Keep the page's feed card placed and tagged like the page."""
    item_post_sync(
        kind=PostKind.WIKI_PAGE, item_id=page.pk, community=page.community, tags=tag_names(page)
    )


def _check_parent(space: Space, parent: Page | None) -> Page | None:
    """``parent`` as a live page of ``space`` (locked), or ValidationError (parent)."""
    if parent is None:
        return None
    found = Page.objects.alive().filter(pk=parent.pk, space=space).first()
    if found is None:
        raise ValidationError({"parent": _("Choose a page of this space as the parent.")})
    return found


def _next_position(space: Space, parent: Page | None) -> int:
    last = (
        Page.objects.alive()
        .filter(space=space, parent=parent)
        .aggregate(last=Max("position"))["last"]
    )
    return 0 if last is None else last + 1


@transaction.atomic
@indexing.coalesced()
def page_create(
    *,
    author: User,
    space: Space,
    title: str,
    body: str,
    summary: str = "",
    parent: Page | None = None,
    tags=(),
) -> Page:
    """Write a new page in ``space`` (its revision 1); its author watches it. The first page
    of a space becomes its home page. Raises ValidationError (title, body, summary, parent,
    tags), PermissionDenied, or Http404 for a space they cannot see."""
    permissions.check_create_page(author, space)
    check_posting_rate(author)
    errors: dict = {}
    title = collect(errors, lambda: clean_title(title))
    body = collect(errors, lambda: clean_body(body))
    summary = collect(errors, lambda: clean_summary(summary))
    tags = collect(errors, lambda: clean_tags(tags))
    parent = collect(errors, lambda: _check_parent(space, parent))
    slug = page_slug(title) if title else ""
    if slug:
        collect(errors, lambda: check_title_free(space, slug, title=title))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    page = Page(
        author=author,
        space=space,
        community=space.community,
        parent=parent,
        title=title,
        slug=slug,
        body=body,
        position=_next_position(space, parent),
        revision_number=1,
        edited_at=now,
        edited_by=author,
        created_at=now,
    )
    links = render_onto(page)
    page.full_clean(exclude=_NOT_CHECKED, validate_constraints=False)
    try:
        with transaction.atomic():
            page.save()
    except IntegrityError:  # The title was taken between the check and the insert.
        raise ValidationError({"title": title_taken_message(title)}) from None
    claim_slug(space, slug)
    store_links(page, links)
    write_revision(page, kind=RevisionKind.CREATE, author=author, summary=summary)
    if tags:
        page.tags.set(tags)
    _watch(page, author)
    if space.home_page_id is None:
        Space.objects.filter(pk=space.pk, home_page__isnull=True).update(home_page=page)
        space.home_page = page
    item_post_publish(
        kind=PostKind.WIKI_PAGE, item_id=page.pk, author=author, community=page.community,
        tags=tags, created_at=now,
    )  # fmt: skip
    publish("wiki.page_created", actor=author, page=page, revision=1)
    return page


def _revision(page: Page, number: int) -> PageRevision:
    return PageRevision.objects.select_related("author").get(page=page, number=number)


@transaction.atomic
@indexing.coalesced()
def page_revise(
    *,
    actor: User,
    page: Page,
    title: str,
    body: str,
    base_revision: int,
    summary: str = "",
    tags=None,
    base_tags=None,
) -> Page:
    """Save a new title and text (and topics, unless ``tags`` is None) written on top of
    revision ``base_revision``; the editor watches the page. Saving what the page already
    says makes no revision. If the page moved on since ``base_revision``, raises
    ``EditConflict`` (nothing saved). Raises ValidationError, PermissionDenied, Http404.

    Topics are merged, never overwritten blindly: with ``base_tags`` (the topics the editor
    started from) their additions and removals apply to the current topics; without them, a
    save on an older revision only adds topics (it cannot tell what was removed meanwhile)."""
    permissions.check_edit_page(actor, page)
    locked = lock_page(page)
    permissions.check_edit_page(actor, locked)
    check_posting_rate(actor)
    errors: dict = {}
    title = collect(errors, lambda: clean_title(title))
    body = collect(errors, lambda: clean_body(body))
    summary = collect(errors, lambda: clean_summary(summary))
    if tags is not None:
        tags = collect(errors, lambda: clean_tags(tags))
    if base_tags is not None:
        base_tags = collect(errors, lambda: clean_tags(base_tags))
    try:
        base_number = int(base_revision)
    except (TypeError, ValueError):
        base_number = 0
    if not 1 <= base_number <= locked.revision_number:
        errors.setdefault("base_revision", []).append(
            _("This edit is not based on a revision of the page. Open the page again.")
        )
    if errors:
        raise ValidationError(errors)
    same_text = title == locked.title and body == locked.body
    if base_number < locked.revision_number and not same_text:
        base = _revision(locked, base_number)
        moved_on = base.title != locked.title or base.body != locked.body
        if moved_on:  # Someone else changed the text meanwhile (not just moved the page).
            raise _conflict(locked, base, title=title, body=body, summary=summary, tags=tags)
    if tags is not None:
        current_tags = [t.lower() for t in tag_names(locked)]
        if base_tags is not None:
            tags = merge_tags(base=base_tags, mine=tags, current=current_tags)
        elif base_number < locked.revision_number:
            tags = merge_tags(base=[], mine=tags, current=current_tags)
        merged = tags
        tags = collect(errors, lambda: clean_tags(merged))  # Still at most ten.
        if errors:
            raise ValidationError(errors)
    tags_changed = tags is not None and set(tags) != set(current_tags)
    if same_text and not tags_changed:
        return locked
    if tags_changed:
        locked.tags.set(tags)
        _sync_feed_item(locked)
    if not same_text:
        _save_text(locked, actor=actor, title=title, body=body)
        write_revision(locked, kind=RevisionKind.EDIT, author=actor, summary=summary)
        _watch(locked, actor)
        publish(
            "wiki.page_edited",
            actor=actor,
            page=locked,
            revision=locked.revision_number,
            kind=RevisionKind.EDIT,
        )
    return locked


def _conflict(page: Page, base: PageRevision, *, title, body, summary, tags) -> EditConflict:
    current = _revision(page, page.revision_number)
    merged_body, clean = merge3(
        base.body,
        body,
        current.body,
        mine_label=_("your text"),
        theirs_label=_("revision %(number)d") % {"number": current.number},
    )
    merged_title = title
    if title == base.title:
        merged_title = current.title
    elif current.title not in (base.title, title):
        clean = False  # Both renamed it, differently: the proposal keeps this person's title.
    return EditConflict(
        page=page,
        base=base,
        current=current,
        mine_title=title,
        mine_body=body,
        merged_title=merged_title,
        merged_body=merged_body,
        clean=clean,
        mine_summary=summary,
        mine_tags=tags,
    )


def _save_text(page: Page, *, actor: User, title: str, body: str) -> None:
    """Put ``title`` and ``body`` on the locked ``page`` as its next revision's (a new title
    takes its address, which must be free in the space)."""
    slug = old_slug = page.slug
    if title != page.title and page_slug(title) != page.slug:
        slug = page_slug(title)
        check_title_free(page.space, slug, title=title, page=page)
    page.title, page.slug, page.body = title, slug, body
    page.revision_number += 1
    page.edited_at, page.edited_by = timezone.now(), actor
    links = render_onto(page)
    page.full_clean(exclude=_NOT_CHECKED, validate_constraints=False)
    try:
        with transaction.atomic():
            page.save(update_fields=["title", "slug", "body", "body_html", "revision_number",
                                     "edited_at", "edited_by", "updated_at"])  # fmt: skip
    except IntegrityError:  # The new address was taken meanwhile.
        raise ValidationError({"title": title_taken_message(title)}) from None
    if slug != old_slug:
        claim_slug(page.space, slug)
        remember_slug(page, old_slug)
    store_links(page, links)


@transaction.atomic
@indexing.coalesced()
def page_revert(*, actor: User, page: Page, number: int, summary: str = "") -> Page:
    """Bring back the title and text of revision ``number`` as a new revision (kind revert).
    Raises Http404 for a revision the page does not have, ValidationError when the page
    already reads so."""
    permissions.check_edit_page(actor, page)
    locked = lock_page(page)
    permissions.check_edit_page(actor, locked)
    try:
        number = int(number)
    except (TypeError, ValueError):
        raise Http404("No such revision.") from None
    target = PageRevision.objects.filter(page=locked, number=number).first()
    if target is None:
        raise Http404("No such revision.")
    errors: dict = {}
    summary = collect(errors, lambda: clean_summary(summary))
    if target.title == locked.title and target.body == locked.body:
        errors.setdefault("number", []).append(
            _("The page already reads as revision %(number)d.") % {"number": number}
        )
    if errors:
        raise ValidationError(errors)
    _save_text(locked, actor=actor, title=target.title, body=target.body)
    write_revision(
        locked, kind=RevisionKind.REVERT, author=actor, summary=summary, reverted_to=number
    )
    _watch(locked, actor)
    publish(
        "wiki.page_edited",
        actor=actor,
        page=locked,
        revision=locked.revision_number,
        kind=RevisionKind.REVERT,
        reverted_to=number,
    )
    return locked


def _descendant_ids(page: Page) -> set[int]:
    """The ids of the live pages under ``page`` in its space (one query)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in (
        Page.objects.alive().filter(space_id=page.space_id).values_list("pk", "parent_id")
    ):
        children.setdefault(parent_id, []).append(pk)
    found, todo = set(), [page.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


@transaction.atomic
def page_move(*, actor: User, page: Page, parent: Page | None, position: int | None = None) -> Page:
    """Put ``page`` under ``parent`` (None: the top of its space), at ``position`` among its
    new siblings (None: last, or where it is when the parent stays). A new parent is
    recorded as a revision (kind move). Raises ValidationError (parent, position)."""
    permissions.check_edit_page(actor, page)
    locked = lock_page(page)
    permissions.check_edit_page(actor, locked)
    errors: dict = {}
    if parent is not None:
        parent = collect(errors, lambda: _check_parent(locked.space, parent))
        if parent is not None and (parent.pk == locked.pk or parent.pk in _descendant_ids(locked)):
            errors.setdefault("parent", []).append(
                _("A page cannot go under itself or one of its sub-pages.")
            )
    if position is not None:
        try:
            position = int(position)
            if position < 0:
                raise ValueError
        except (TypeError, ValueError):
            errors.setdefault("position", []).append(_("Give the position as a number from 0."))
    if errors:
        raise ValidationError(errors)
    new_parent_id = parent.pk if parent is not None else None
    parent_changed = new_parent_id != locked.parent_id
    if not parent_changed and (position is None or position == locked.position):
        return locked
    if position is None:
        position = _next_position(locked.space, parent)
    else:
        # Make room: the siblings from ``position`` on move one down.
        Page.objects.alive().filter(
            space_id=locked.space_id, parent_id=new_parent_id, position__gte=position
        ).exclude(pk=locked.pk).update(position=F("position") + 1)
    locked.parent, locked.position = parent, position
    fields = ["parent", "position", "updated_at"]
    if parent_changed:
        locked.revision_number += 1
        locked.edited_at, locked.edited_by = timezone.now(), actor
        fields += ["revision_number", "edited_at", "edited_by"]
    locked.save(update_fields=fields)
    if parent_changed:
        write_revision(locked, kind=RevisionKind.MOVE, author=actor)
    publish(
        "wiki.page_moved",
        actor=actor,
        page=locked,
        parent_id=new_parent_id,
        position=position,
    )
    return locked


@transaction.atomic
def page_protect(*, actor: User, page: Page, protected: bool) -> Page:
    """Let only the space's admins edit ``page`` (or everyone who writes in it again)."""
    permissions.check_protect_page(actor, page)
    locked = lock_page(page)
    protected = bool(protected)
    if locked.is_protected != protected:
        locked.is_protected = protected
        # An update, not save(): protecting is not an edit of the page.
        Page.objects.filter(pk=locked.pk).update(is_protected=protected)
        publish(
            "wiki.page_protected" if protected else "wiki.page_unprotected",
            actor=actor,
            page=locked,
        )
    return locked


@transaction.atomic
def page_delete(*, actor: User, page: Page) -> Page:
    """Soft-delete a page: its sub-pages move up to its parent, it leaves the feeds, and its
    address is free again. A delete by someone else than the author is logged."""
    locked = lock_page(page)  # Checked as it is now (the caller's copy may be stale).
    permissions.check_delete_page(actor, locked)
    locked.deleted_at, locked.deleted_by = timezone.now(), actor
    locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    Page.objects.filter(parent=locked).update(parent=locked.parent_id)
    Space.objects.filter(pk=locked.space_id, home_page=locked).update(home_page=None)
    if actor.pk != locked.author_id:
        audit_record(
            actor=actor,
            action=ActionType.DELETE,
            community=locked.community,
            target=locked,
            target_user=locked.author,
        )
    item_post_withdraw(kind=PostKind.WIKI_PAGE, item_id=locked.pk, actor=actor)
    publish("wiki.page_deleted", actor=actor, page=locked)
    return locked


@transaction.atomic
def page_restore(*, actor: User, page: Page) -> Page:
    """Bring back a deleted page (the space's admins and moderators; logged). If a live page
    took its address meanwhile it gets a free one; a deleted parent leaves it on top."""
    locked = lock_page(page)  # Checked as it is now (the caller's copy may be stale).
    permissions.check_restore_page(actor, locked)
    locked.slug = free_page_slug(locked.space, locked.slug)
    if locked.parent_id is not None and locked.parent.is_deleted:
        locked.parent = None
    locked.deleted_at, locked.deleted_by = None, None
    try:
        with transaction.atomic():
            locked.save(update_fields=["slug", "parent", "deleted_at", "deleted_by", "updated_at"])
    except IntegrityError:  # Its address was taken again meanwhile: another one.
        locked.slug = free_page_slug(locked.space, f"{locked.slug}-{locked.pk}")
        locked.save(update_fields=["slug", "parent", "deleted_at", "deleted_by", "updated_at"])
    claim_slug(locked.space, locked.slug)
    audit_record(
        actor=actor,
        action=ActionType.RESTORE,
        community=locked.community,
        target=locked,
        target_user=locked.author,
    )
    item_post_restore(kind=PostKind.WIKI_PAGE, item_id=locked.pk, actor=actor)
    publish("wiki.page_restored", actor=actor, page=locked)
    return locked
