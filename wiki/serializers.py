"""API shapes for the wiki: spaces, pages, revisions, diffs, edit conflicts and recent
changes, and what a person may send to write them.

As in ``feed.serializers`` and ``blog.serializers``, the read shapes are built by plain
functions (``space_data``, ``page_data``, ``revision_data``...) from what the selectors load,
with ``feed.serializers.Links`` making each person and URL once per response; the read
serializers below document those shapes for the schema. The rules for what may be written
live in ``wiki.services``; the write serializers only turn JSON or form data into the
services' arguments.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from feed.serializers import (
    ListField,
    PostCommunitySerializer,
    StrictSerializer,
    _community_data,
    _datetime,
    _described_choices,
)
from profiles.serializers import PersonSummarySerializer
from wiki import permissions
from wiki.models import (
    BODY_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    EditPolicy,
    RevisionKind,
    SpaceKind,
)
from wiki.text import page_url

# --- reading --------------------------------------------------------------------------------


@_described_choices(SpaceKind.choices)
class WikiSpaceKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=SpaceKind.choices, **kwargs)


@_described_choices(EditPolicy.choices)
class WikiEditPolicyField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Choose who edits: the members or only the admins.")},
        )
        super().__init__(choices=EditPolicy.choices, **kwargs)


@_described_choices(RevisionKind.choices)
class WikiRevisionKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=RevisionKind.choices, **kwargs)


class WikiPageRefSerializer(serializers.Serializer):
    """A page in one line: a link to it."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True, help_text=_("Its address within its space."))
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)


class WikiSpaceRefSerializer(serializers.Serializer):
    slug = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = WikiSpaceKindField(read_only=True)
    url = serializers.URLField(read_only=True)


class WikiSpaceViewerSerializer(serializers.Serializer):
    """The signed-in person and this space."""

    can_edit = serializers.BooleanField(
        read_only=True, help_text=_("Change its settings and protect its pages.")
    )
    can_create_page = serializers.BooleanField(read_only=True)
    watching = serializers.BooleanField(
        read_only=True, help_text=_("Hears of edits to every page of the space.")
    )


class WikiSpaceSerializer(serializers.Serializer):
    """A space of pages: the company's, a community's or a person's."""

    id = serializers.IntegerField(read_only=True)
    slug = serializers.CharField(
        read_only=True, help_text=_("Its address, and the prefix of [[space:Page]] links.")
    )
    name = serializers.CharField(read_only=True)
    kind = WikiSpaceKindField(read_only=True)
    description = serializers.CharField(read_only=True)
    edit_policy = WikiEditPolicyField(read_only=True)
    community = PostCommunitySerializer(read_only=True, allow_null=True)
    owner = PersonSummarySerializer(
        read_only=True, allow_null=True, help_text=_("A personal space's owner.")
    )
    home_page = WikiPageRefSerializer(read_only=True, allow_null=True)
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    pages_url = serializers.URLField(read_only=True)
    changes_url = serializers.URLField(read_only=True)
    viewer = WikiSpaceViewerSerializer(read_only=True)


class WikiSpaceListSerializer(serializers.Serializer):
    results = WikiSpaceSerializer(many=True, read_only=True)


class WikiPageViewerSerializer(serializers.Serializer):
    """The signed-in person and this page: what they may do, what they watch."""

    can_edit = serializers.BooleanField(read_only=True, help_text=_("Edit, revert and move."))
    can_protect = serializers.BooleanField(read_only=True)
    can_delete = serializers.BooleanField(read_only=True)
    can_restore = serializers.BooleanField(read_only=True)
    watching = serializers.BooleanField(read_only=True, help_text=_("This page itself."))
    watching_space = serializers.BooleanField(read_only=True)


class WikiPageSummarySerializer(serializers.Serializer):
    """A page as a list shows it (without its text)."""

    id = serializers.IntegerField(read_only=True)
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True)
    space = WikiSpaceRefSerializer(read_only=True)
    title = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True, help_text=_("Its address within its space."))
    parent = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("The page above it; null on top.")
    )
    position = serializers.IntegerField(read_only=True, help_text=_("Among its siblings."))
    depth = serializers.IntegerField(
        read_only=True, required=False, help_text=_("In a space's list: 0 on top.")
    )
    tags = serializers.ListField(child=serializers.CharField(), read_only=True)
    is_protected = serializers.BooleanField(read_only=True)
    revision = serializers.IntegerField(read_only=True, help_text=_("The current revision."))
    author = PersonSummarySerializer(read_only=True, help_text=_("Wrote its first revision."))
    edited_by = PersonSummarySerializer(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    edited_at = serializers.DateTimeField(read_only=True, allow_null=True)


class WikiPageSerializer(WikiPageSummarySerializer):
    """One page with its text."""

    body = serializers.CharField(read_only=True, help_text=_("As written (Markdown)."))
    body_html = serializers.CharField(
        read_only=True, help_text=_("Sanitised HTML; [[links]] are links to pages.")
    )
    missing_links = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=_(
            "The addresses (as in body_html's links) of linked pages not written yet: "
            "show them as “create this page”."
        ),
    )
    breadcrumbs = WikiPageRefSerializer(many=True, read_only=True, help_text=_("Top first."))
    is_deleted = serializers.BooleanField(read_only=True)
    viewer = WikiPageViewerSerializer(read_only=True)


class WikiPageListSerializer(serializers.Serializer):
    space = WikiSpaceRefSerializer(read_only=True)
    results = WikiPageSummarySerializer(many=True, read_only=True)


class WikiBacklinksSerializer(serializers.Serializer):
    results = WikiPageRefSerializer(many=True, read_only=True)


class _WikiRevisionFieldsSerializer(serializers.Serializer):
    number = serializers.IntegerField(read_only=True, help_text=_("1, 2, 3... per page."))
    kind = WikiRevisionKindField(read_only=True)
    title = serializers.CharField(read_only=True, help_text=_("The page's title after it."))
    summary = serializers.CharField(read_only=True)
    author = PersonSummarySerializer(read_only=True, allow_null=True)
    created_at = serializers.DateTimeField(read_only=True)
    reverted_to = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("A revert: the revision brought back.")
    )
    url = serializers.URLField(read_only=True)
    page_url = serializers.URLField(read_only=True, help_text=_("This revision's own page."))


class WikiRevisionSerializer(_WikiRevisionFieldsSerializer):
    """One save of a page."""

    page = serializers.IntegerField(read_only=True, help_text=_("The page's id."))


class WikiRevisionDetailSerializer(WikiRevisionSerializer):
    body = serializers.CharField(read_only=True, help_text=_("The page's text after it."))
    body_html = serializers.CharField(read_only=True)


class WikiRevisionPageSerializer(serializers.Serializer):
    """A page's revisions, newest first."""

    page = WikiPageRefSerializer(read_only=True)
    results = WikiRevisionSerializer(many=True, read_only=True)
    next = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("Older revisions; null at the first.")
    )


class WikiChangeSerializer(_WikiRevisionFieldsSerializer):
    """A revision in a list of recent changes, with the page it changed."""

    page = WikiPageRefSerializer(read_only=True)
    space = WikiSpaceRefSerializer(read_only=True)


class WikiChangesPageSerializer(serializers.Serializer):
    results = WikiChangeSerializer(many=True, read_only=True)
    next = serializers.URLField(
        read_only=True, allow_null=True, help_text=_("Older changes; null on the last page.")
    )


class WikiDiffRowSerializer(serializers.Serializer):
    kind = serializers.CharField(
        read_only=True,
        help_text=_(
            "`equal`, `insert`, `delete`, `change` (a line changed word by word) or `skip` "
            "(unchanged lines left out: `skipped` says how many)."
        ),
    )
    old_number = serializers.IntegerField(read_only=True, allow_null=True)
    new_number = serializers.IntegerField(read_only=True, allow_null=True)
    old_html = serializers.CharField(
        read_only=True, help_text=_("Escaped; the words taken out in <del>.")
    )
    new_html = serializers.CharField(
        read_only=True, help_text=_("Escaped; inserted words in <ins>.")
    )
    skipped = serializers.IntegerField(read_only=True)


class WikiDiffSerializer(serializers.Serializer):
    """How revision ``to`` of a page differs from revision ``from``."""

    page = WikiPageRefSerializer(read_only=True)
    old = WikiRevisionSerializer(read_only=True, help_text=_("Revision `from`."))
    new = WikiRevisionSerializer(read_only=True, help_text=_("Revision `to`."))
    title_changed = serializers.BooleanField(read_only=True)
    added = serializers.IntegerField(read_only=True, help_text=_("Lines added or changed."))
    removed = serializers.IntegerField(read_only=True, help_text=_("Lines removed or changed."))
    rows = WikiDiffRowSerializer(many=True, read_only=True)


class WikiTextSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)


class WikiMineSerializer(WikiTextSerializer):
    summary = serializers.CharField(read_only=True)
    tags = serializers.ListField(child=serializers.CharField(), read_only=True, allow_null=True)


class WikiConflictRevisionSerializer(WikiRevisionSerializer):
    body = serializers.CharField(read_only=True)


class WikiConflictSerializer(serializers.Serializer):
    """An edit made on top of an older revision than the page's current one: nothing was
    saved. Send the text again with ``base_revision`` = ``current.number`` to save it."""

    detail = serializers.CharField(read_only=True)
    base = WikiConflictRevisionSerializer(
        read_only=True, help_text=_("What the edit started from.")
    )
    current = WikiConflictRevisionSerializer(
        read_only=True, help_text=_("What the page says now (someone else's save).")
    )
    mine = WikiMineSerializer(read_only=True, help_text=_("What you sent, kept whole."))
    merged = WikiTextSerializer(
        read_only=True,
        help_text=_("Both sets of changes together; with conflict markers unless clean."),
    )
    clean = serializers.BooleanField(
        read_only=True, help_text=_("The changes did not overlap: `merged` can be saved as is.")
    )


class WikiWatchStateSerializer(serializers.Serializer):
    watching = serializers.BooleanField(read_only=True)


# --- the read representation ----------------------------------------------------------------


def _api(links, name: str, **values) -> str:
    return links.route(f"wiki-api:{name}", **values)


def _html_page_url(links, space_slug: str, slug: str) -> str:
    return links.absolute(page_url(space_slug, slug))


def space_ref_data(space, links) -> dict:
    """``WikiSpaceRefSerializer``'s shape."""
    return {
        "slug": space.slug,
        "name": space.name,
        "kind": str(space.kind),
        "url": _api(links, "space-detail", space=space.slug),
    }


def page_ref_data(page, links, *, space_slug: str | None = None) -> dict:
    """``WikiPageRefSerializer``'s shape (``space_slug`` saves loading the page's space)."""
    space_slug = space_slug or page.space.slug
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": _api(links, "page-detail", pk=page.pk),
        "page_url": _html_page_url(links, space_slug, page.slug),
    }


def space_data(space, links, *, watching: bool | None = None) -> dict:
    """``WikiSpaceSerializer``'s shape; ``watching`` None reads as False (lists leave it out to
    stay at a fixed number of queries)."""
    from django.urls import reverse

    user = links.request.user
    home = space.home_page
    if home is not None and home.is_deleted:
        home = None
    return {
        "id": space.pk,
        "slug": space.slug,
        "name": space.name,
        "kind": str(space.kind),
        "description": space.description,
        "edit_policy": str(space.edit_policy),
        "community": _community_data(space.community, links),
        "owner": links.person(space.owner),
        "home_page": page_ref_data(home, links, space_slug=space.slug) if home else None,
        "url": _api(links, "space-detail", space=space.slug),
        "page_url": links.absolute(reverse("wiki:space", args=[space.slug])),
        "pages_url": _api(links, "space-pages", space=space.slug),
        "changes_url": _api(links, "space-changes", space=space.slug),
        "viewer": {
            "can_edit": permissions.can_edit_space(user, space),
            "can_create_page": permissions.can_create_page(user, space),
            "watching": bool(watching),
        },
    }


def page_data(page, links, *, depth: int | None = None) -> dict:
    """``WikiPageSummarySerializer``'s shape for a page with its space, author and editor loaded
    and its tags prefetched."""
    space = page.space
    data = {
        "id": page.pk,
        "url": _api(links, "page-detail", pk=page.pk),
        "page_url": _html_page_url(links, space.slug, page.slug),
        "space": space_ref_data(space, links),
        "title": page.title,
        "slug": page.slug,
        "parent": page.parent_id,
        "position": page.position,
        "tags": sorted(tag.name for tag in page.tags.all()),
        "is_protected": page.is_protected,
        "revision": page.revision_number,
        "author": links.person(page.author),
        "edited_by": links.person(page.edited_by),
        "created_at": _datetime(page.created_at),
        "edited_at": _datetime(page.edited_at),
    }
    if depth is not None:
        data["depth"] = depth
    return data


def page_detail_data(
    page, links, *, breadcrumbs, missing, watching: bool, watching_space: bool
) -> dict:
    """``WikiPageSerializer``'s shape: the summary, the text, and the viewer's rights."""
    user = links.request.user
    data = page_data(page, links)
    data.update(
        body=page.body,
        body_html=page.body_html,
        missing_links=sorted(missing),
        breadcrumbs=[
            page_ref_data(crumb, links, space_slug=page.space.slug) for crumb in breadcrumbs
        ],
        is_deleted=page.is_deleted,
        viewer={
            "can_edit": permissions.can_edit_page(user, page),
            "can_protect": permissions.can_protect_page(user, page),
            "can_delete": permissions.can_delete_page(user, page),
            "can_restore": permissions.can_restore_page(user, page),
            "watching": watching,
            "watching_space": watching_space,
        },
    )
    return data


def revision_data(revision, links, *, space_slug: str, page_slug: str) -> dict:
    """``WikiRevisionSerializer``'s shape for a revision with its author loaded."""
    from django.urls import reverse

    return {
        "page": revision.page_id,
        "number": revision.number,
        "kind": str(revision.kind),
        "title": revision.title,
        "summary": revision.summary,
        "author": links.person(revision.author),
        "created_at": _datetime(revision.created_at),
        "reverted_to": revision.reverted_to,
        "url": _api(links, "revision-detail", pk=revision.page_id, number=revision.number),
        "page_url": links.absolute(
            reverse("wiki:revision", args=[space_slug, page_slug, revision.number])
        ),
    }


def change_data(revision, links) -> dict:
    """``WikiChangeSerializer``'s shape for a revision with its page, the page's space and the
    author loaded."""
    page = revision.page
    space = page.space
    data = revision_data(revision, links, space_slug=space.slug, page_slug=page.slug)
    data["page"] = page_ref_data(page, links, space_slug=space.slug)
    data["space"] = space_ref_data(space, links)
    return data


def diff_row_data(row) -> dict:
    return {
        "kind": row.kind,
        "old_number": row.old_number,
        "new_number": row.new_number,
        "old_html": str(row.old_html),
        "new_html": str(row.new_html),
        "skipped": row.skipped,
    }


# --- writing --------------------------------------------------------------------------------

TITLE_HELP = format_lazy(
    _("Up to {limit} characters; unique in the space (it makes the page's address)."),
    limit=TITLE_MAX_LENGTH,
)
BODY_HELP = format_lazy(
    _(
        "Up to {limit} characters of Markdown. [[Title]] links to a page of the space, "
        "[[space:Title]] to one in another space, [[Title|words]] shows other words."
    ),
    limit=BODY_MAX_LENGTH,
)
SUMMARY_HELP = format_lazy(
    _("What changed and why, up to {limit} characters (shown in the history)."),
    limit=SUMMARY_MAX_LENGTH,
)


class WikiSpaceEditSerializer(StrictSerializer):
    """What to change; a field left out stays as it is."""

    name = serializers.CharField(required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    edit_policy = WikiEditPolicyField(
        required=False,
        help_text=_("`members` (the default) or `admins`: who edits the pages."),
    )
    home_page = serializers.IntegerField(
        required=False, help_text=_("The id of a page of the space.")
    )


class WikiPageCreateSerializer(StrictSerializer):
    title = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=TITLE_HELP)
    body = serializers.CharField(
        allow_blank=True, required=False, default="", trim_whitespace=False, help_text=BODY_HELP
    )
    summary = serializers.CharField(
        allow_blank=True, required=False, default="", help_text=SUMMARY_HELP
    )
    parent = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("The id of the page to put it under.")
    )
    tags = ListField(
        child=serializers.CharField(), required=False, default=list, help_text=_("Topics.")
    )


class WikiPageReviseSerializer(StrictSerializer):
    """A new title and text written on top of ``base_revision``; PATCH keeps what is left
    out, PUT needs both."""

    title = serializers.CharField(
        allow_blank=True, required=False, trim_whitespace=False, help_text=TITLE_HELP
    )
    body = serializers.CharField(
        allow_blank=True, required=False, trim_whitespace=False, help_text=BODY_HELP
    )
    base_revision = serializers.IntegerField(
        help_text=_(
            "The revision the edit started from (the page's `revision` when it was read). "
            "Older than the page's current one: 409 with both texts."
        )
    )
    summary = serializers.CharField(
        allow_blank=True, required=False, default="", help_text=SUMMARY_HELP
    )
    tags = ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("Replaces the topics; left out: they stay."),
    )


class WikiPageReplaceSerializer(WikiPageReviseSerializer):
    title = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=TITLE_HELP)
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text=BODY_HELP)


class WikiRevertSerializer(StrictSerializer):
    summary = serializers.CharField(
        allow_blank=True, required=False, default="", help_text=SUMMARY_HELP
    )


class WikiMoveSerializer(StrictSerializer):
    parent = serializers.IntegerField(
        allow_null=True, help_text=_("The id of the new parent page; null: the top of the space.")
    )
    position = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=0,
        help_text=_("Among the new siblings, from 0; left out: last."),
    )


class WikiProtectSerializer(StrictSerializer):
    protected = serializers.BooleanField(
        required=False, default=True, help_text=_("False lifts the protection.")
    )
