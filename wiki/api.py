"""The wiki API: spaces (and their settings), pages (by id or by address), writing and
revising them, their revisions, diffs between any two, reverting, moving, protecting,
deleting and restoring, watching pages and spaces, backlinks and recent changes, under
/api/v1/wiki/.

Thin views over the same services and selectors as the wiki pages. A space, page or revision
in a community the person may not read does not exist for them (404, on every endpoint);
what they see but may not do answers 403 with the service's reason; bad input answers 400
with field errors and writes nothing (every service runs in one transaction). An edit made
on top of an older revision than the page's current one answers 409 with the person's text,
the current one and a merged proposal: nothing they typed is lost.
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, parsers, status
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from core.api import ERROR, FIELD_ERRORS, validated
from feed.serializers import Links
from wiki import selectors, services
from wiki.diff import diff_counts, diff_revisions
from wiki.models import Page
from wiki.serializers import (
    WikiBacklinksSerializer,
    WikiChangesPageSerializer,
    WikiConflictSerializer,
    WikiDiffSerializer,
    WikiMoveSerializer,
    WikiPageCreateSerializer,
    WikiPageListSerializer,
    WikiPageReplaceSerializer,
    WikiPageReviseSerializer,
    WikiPageSerializer,
    WikiProtectSerializer,
    WikiRevertSerializer,
    WikiRevisionDetailSerializer,
    WikiRevisionPageSerializer,
    WikiSpaceEditSerializer,
    WikiSpaceListSerializer,
    WikiSpaceSerializer,
    WikiWatchStateSerializer,
    change_data,
    diff_row_data,
    page_data,
    page_detail_data,
    page_ref_data,
    revision_data,
    space_data,
    space_ref_data,
)
from wiki.text import render_page

PARSERS = [parsers.JSONParser, parsers.MultiPartParser, parsers.FormParser]
DEFAULT_LIMIT, MAX_LIMIT = selectors.DEFAULT_LIMIT, selectors.MAX_LIMIT

SPACE_NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such space, or one you may not read (a private or secret community's).",
)
NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT,
    description="No such page, or one you may not read (a private or secret community's).",
)
REVISION_NOT_FOUND = OpenApiResponse(
    OpenApiTypes.OBJECT, description="No such page or revision, or a page you may not read."
)
CONFLICT = OpenApiResponse(
    WikiConflictSerializer,
    description=(
        "The page changed since `base_revision`: nothing was saved. Your text, the current "
        "one and a merged proposal come back."
    ),
)
RATE_LIMITED = OpenApiResponse(OpenApiTypes.OBJECT, description="Writing too often.")
DELETED = OpenApiResponse(description="Deleted.")
LIMIT = OpenApiParameter(
    "limit",
    int,
    description=f"Items per page, {DEFAULT_LIMIT} by default; kept within 1..{MAX_LIMIT}.",
)


# --- helpers ----------------------------------------------------------------------------


def _page_by_id(request, pk: int, *, include_deleted: bool = False) -> Page:
    """The page ``pk`` if the person may read it (Http404 otherwise); with
    ``include_deleted``, also a deleted one they may restore."""
    return selectors.get_page_by_id_for(request.user, pk, include_deleted=include_deleted)


def _lookup_page(request, field: str, pk) -> Page | None:
    """A page named by its id in the body: one the person may not see reads as unknown
    (400)."""
    if pk is None:
        return None
    try:
        return _page_by_id(request, pk)
    except Http404:
        raise exceptions.ValidationError({field: [_("No such page.")]}) from None


def _limit(request) -> int:
    raw = request.query_params.get("limit", "").strip()
    if not raw:
        return DEFAULT_LIMIT
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise exceptions.ValidationError(
            {"limit": [_("Send a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT}]}
        )
    return max(1, min(int(raw), MAX_LIMIT))


def _number(request, name: str) -> int | None:
    """A revision number from the query (None when left out); 400 when it is not one."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise exceptions.ValidationError({name: [_("Send a revision number.")]})
    return int(raw)


def _next(request, cursor) -> str | None:
    if not cursor:
        return None
    return replace_query_param(request.build_absolute_uri(), "before", cursor)


def _page_response(request, pk: int, *, code=status.HTTP_200_OK) -> Response:
    """The page ``pk`` as it is now, with its text and the viewer's rights."""
    page = _page_by_id(request, pk)
    watching, watching_space = selectors.watch_state(request.user, page)
    data = page_detail_data(
        page,
        Links(request),
        breadcrumbs=selectors.breadcrumbs(page),
        missing=selectors.missing_urls(page, request.user),
        watching=watching,
        watching_space=watching_space,
    )
    return Response(data, status=code)


def _space_response(request, space, *, code=status.HTTP_200_OK) -> Response:
    watching = selectors.is_watching_space(request.user, space)
    return Response(space_data(space, Links(request), watching=watching), status=code)


def _changes_response(request, space=None) -> Response:
    changes = selectors.recent_changes(
        request.user, space, before=request.query_params.get("before"), limit=_limit(request)
    )
    links = Links(request)
    return Response(
        {
            "results": [change_data(revision, links) for revision in changes],
            "next": _next(request, changes.next_cursor),
        }
    )


def _conflict_response(conflict, links) -> Response:
    page = conflict.page
    slugs = {"space_slug": page.space.slug, "page_slug": page.slug}

    def revision(found) -> dict:
        return {**revision_data(found, links, **slugs), "body": found.body}

    data = {
        "detail": _(
            "This page was changed after you started editing (revision %(current)d). Nothing "
            "was saved: check the merged text and send it again on top of revision "
            "%(current)d."
        )
        % {"current": conflict.current.number},
        "base": revision(conflict.base),
        "current": revision(conflict.current),
        "mine": {
            "title": conflict.mine_title,
            "body": conflict.mine_body,
            "summary": conflict.mine_summary,
            "tags": conflict.mine_tags,
        },
        "merged": {"title": conflict.merged_title, "body": conflict.merged_body},
        "clean": conflict.clean,
    }
    return Response(data, status=status.HTTP_409_CONFLICT)


# --- spaces -----------------------------------------------------------------------------


class SpaceListView(APIView):
    @extend_schema(
        operation_id="v1_wiki_spaces_list",
        summary="Wiki spaces",
        description=(
            "The spaces you may read: the company's first, then the communities' (public ones, "
            "and private and secret ones you are a member of), then people's."
        ),
        responses={200: WikiSpaceListSerializer},
    )
    def get(self, request):
        links = Links(request)
        spaces = selectors.spaces_for(request.user)
        return Response({"results": [space_data(space, links) for space in spaces]})


class SpaceDetailView(APIView):
    @extend_schema(
        summary="A wiki space",
        responses={200: WikiSpaceSerializer, 404: SPACE_NOT_FOUND},
    )
    def get(self, request, space: str):
        return _space_response(request, selectors.get_space_for(request.user, space))

    @extend_schema(
        summary="Change a wiki space's settings",
        description=(
            "Its admins (Communicators and site Moderators for the company space, the "
            "community's admins for its space, the owner for a personal one). Send any of "
            "`name`, `description`, `edit_policy` (`members` or `admins`) and `home_page` "
            "(a page id)."
        ),
        request=WikiSpaceEditSerializer,
        responses={200: WikiSpaceSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: SPACE_NOT_FOUND},
    )
    def patch(self, request, space: str):
        found = selectors.get_space_for(request.user, space)
        data = dict(validated(WikiSpaceEditSerializer, request))
        if "home_page" in data:
            data["home_page"] = _lookup_page(request, "home_page", data["home_page"])
        found = services.space_edit(actor=request.user, space=found, **data)
        return _space_response(request, selectors.get_space_for(request.user, found.slug))


class SpacePagesView(APIView):
    parser_classes = PARSERS

    @extend_schema(
        operation_id="v1_wiki_space_pages_list",
        summary="A space's pages",
        description=(
            "Every page of the space, in the order of its outline: each page after its "
            "parent (`depth` 0 on top), siblings by position."
        ),
        responses={200: WikiPageListSerializer, 404: SPACE_NOT_FOUND},
    )
    def get(self, request, space: str):
        found = selectors.get_space_for(request.user, space)
        order = {
            page.pk: (n, page.depth)
            for n, page in enumerate(selectors.flatten_outline(selectors.page_outline(found)))
        }
        pages = (
            selectors.pages_in(request.user, found)
            .select_related(*selectors.PAGE_RELATED)
            .prefetch_related("tags")
        )
        rows = sorted(pages, key=lambda page: (order.get(page.pk, (len(order), 0))[0], page.pk))
        links = Links(request)
        return Response(
            {
                "space": space_ref_data(found, links),
                "results": [
                    page_data(page, links, depth=order.get(page.pk, (0, 0))[1]) for page in rows
                ],
            }
        )

    @extend_schema(
        summary="Write a page",
        description=(
            "A new page in the space (its revision 1): in the company space every employee, "
            "in a community's its members (or only its admins, as the space says). `parent`: "
            "the id of a page of the same space. You watch the page from then on."
        ),
        request=WikiPageCreateSerializer,
        responses={
            201: WikiPageSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: SPACE_NOT_FOUND,
            429: RATE_LIMITED,
        },
    )
    def post(self, request, space: str):
        found = selectors.get_space_for(request.user, space)
        data = dict(validated(WikiPageCreateSerializer, request))
        data["parent"] = _lookup_page(request, "parent", data.get("parent"))
        page = services.page_create(author=request.user, space=found, **data)
        return _page_response(request, page.pk, code=status.HTTP_201_CREATED)


class SpacePageView(APIView):
    @extend_schema(
        summary="A wiki page by its address",
        description="The page at `slug` in the space `space` (as in its web address), or the "
        "page renamed from `slug` (its `slug` then says its address now).",
        responses={200: WikiPageSerializer, 404: NOT_FOUND},
    )
    def get(self, request, space: str, slug: str):
        found = selectors.get_space_for(request.user, space)
        page = selectors.get_page_for(request.user, found, slug, follow_aliases=True)
        return _page_response(request, page.pk)


class SpaceChangesView(APIView):
    @extend_schema(
        operation_id="v1_wiki_space_changes_list",
        summary="Recent changes in a space",
        description="Its latest revisions, newest first. Follow `next` for older ones.",
        parameters=[
            OpenApiParameter("before", str, description="A cursor (`next` carries it)."),
            LIMIT,
        ],
        responses={200: WikiChangesPageSerializer, 400: FIELD_ERRORS, 404: SPACE_NOT_FOUND},
    )
    def get(self, request, space: str):
        return _changes_response(request, selectors.get_space_for(request.user, space))


class SpaceWatchView(APIView):
    @extend_schema(
        summary="Watch a space",
        description="Hear of edits to every page of the space. Idempotent.",
        request=None,
        responses={200: WikiWatchStateSerializer, 404: SPACE_NOT_FOUND},
    )
    def post(self, request, space: str):
        found = selectors.get_space_for(request.user, space)
        services.watch_space(user=request.user, space=found)
        return Response({"watching": True})

    @extend_schema(
        summary="Stop watching a space",
        description="Pages you watch one by one stay watched. Idempotent.",
        request=None,
        responses={200: WikiWatchStateSerializer, 404: SPACE_NOT_FOUND},
    )
    def delete(self, request, space: str):
        found = selectors.get_space_for(request.user, space)
        services.unwatch_space(user=request.user, space=found)
        return Response({"watching": False})


class ChangesView(APIView):
    @extend_schema(
        operation_id="v1_wiki_changes_list",
        summary="Recent changes in every space",
        description=(
            "The latest revisions of the pages you may read, newest first. Follow `next` for "
            "older ones."
        ),
        parameters=[
            OpenApiParameter("before", str, description="A cursor (`next` carries it)."),
            LIMIT,
        ],
        responses={200: WikiChangesPageSerializer, 400: FIELD_ERRORS},
    )
    def get(self, request):
        return _changes_response(request)


# --- pages ------------------------------------------------------------------------------


class PageDetailView(APIView):
    parser_classes = PARSERS

    @extend_schema(
        summary="A wiki page",
        description=(
            "With its text, the pages above it, the links to pages not written yet and what "
            "you may do. Edit it on top of its `revision`."
        ),
        responses={200: WikiPageSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        return _page_response(request, pk)

    def _revise(self, request, pk: int, serializer_class) -> Response:
        page = _page_by_id(request, pk)
        data = validated(serializer_class, request)
        try:
            services.page_revise(
                actor=request.user,
                page=page,
                title=data.get("title", page.title),
                body=data.get("body", page.body),
                base_revision=data["base_revision"],
                summary=data.get("summary", ""),
                tags=data.get("tags"),
            )
        except services.EditConflict as conflict:
            return _conflict_response(conflict, Links(request))
        return _page_response(request, pk)

    @extend_schema(
        summary="Edit a wiki page",
        description=(
            "Send `base_revision` (the revision you started from) and any of `title`, `body`, "
            "`summary`, `tags`; what you leave out stays. Every save is a new revision; "
            "saving what the page already says makes none. If someone saved meanwhile: 409 "
            "with your text, theirs and a merged proposal (nothing is saved)."
        ),
        request=WikiPageReviseSerializer,
        responses={
            200: WikiPageSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: NOT_FOUND,
            409: CONFLICT,
            429: RATE_LIMITED,
        },
    )
    def patch(self, request, pk: int):
        return self._revise(request, pk, WikiPageReviseSerializer)

    @extend_schema(
        summary="Replace a wiki page's title and text",
        description=("As PATCH, with `title` and `body` both required (tags stay unless sent)."),
        request=WikiPageReplaceSerializer,
        responses={
            200: WikiPageSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: NOT_FOUND,
            409: CONFLICT,
            429: RATE_LIMITED,
        },
    )
    def put(self, request, pk: int):
        return self._revise(request, pk, WikiPageReplaceSerializer)

    @extend_schema(
        summary="Delete a wiki page",
        description=(
            "The space's admins, the moderators of its place, or its author while they may "
            "edit it. Its sub-pages move up to its parent. Deleting is soft: admins and "
            "moderators can restore it."
        ),
        responses={204: DELETED, 403: ERROR, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        services.page_delete(actor=request.user, page=_page_by_id(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PageRevisionsView(APIView):
    @extend_schema(
        operation_id="v1_wiki_page_revisions_list",
        summary="A page's history",
        description="Its revisions, newest first. Follow `next` for older ones.",
        parameters=[
            OpenApiParameter(
                "before", int, description="Revisions older than this number (`next` has it)."
            ),
            LIMIT,
        ],
        responses={200: WikiRevisionPageSerializer, 400: FIELD_ERRORS, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        page = _page_by_id(request, pk)
        before = _number(request, "before")
        history = selectors.page_history(page, before=before, limit=_limit(request))
        links = Links(request)
        slugs = {"space_slug": page.space.slug, "page_slug": page.slug}
        return Response(
            {
                "page": page_ref_data(page, links),
                "results": [revision_data(revision, links, **slugs) for revision in history],
                "next": _next(request, history.next_cursor),
            }
        )


class RevisionDetailView(APIView):
    @extend_schema(
        summary="One revision of a page",
        description="The page's title and text as that save left them.",
        responses={200: WikiRevisionDetailSerializer, 404: REVISION_NOT_FOUND},
    )
    def get(self, request, pk: int, number: int):
        page = _page_by_id(request, pk)
        revision = selectors.get_revision_for(request.user, page, number)
        html, _links = render_page(revision.body, space=page.space)
        data = revision_data(
            revision, Links(request), space_slug=page.space.slug, page_slug=page.slug
        )
        data.update(body=revision.body, body_html=str(html))
        return Response(data)


class PageRevertView(APIView):
    @extend_schema(
        summary="Revert a page to a revision",
        description=(
            "Brings back that revision's title and text as a new revision (itself revertible). "
            "Those who may edit the page. A page that already reads so: 400."
        ),
        request=WikiRevertSerializer,
        responses={
            200: WikiPageSerializer,
            400: FIELD_ERRORS,
            403: ERROR,
            404: REVISION_NOT_FOUND,
            429: RATE_LIMITED,
        },
    )
    def post(self, request, pk: int, number: int):
        page = _page_by_id(request, pk)
        selectors.get_revision_for(request.user, page, number)
        data = validated(WikiRevertSerializer, request)
        services.page_revert(actor=request.user, page=page, number=number, **data)
        return _page_response(request, pk)


class PageDiffView(APIView):
    @extend_schema(
        summary="What changed between two revisions",
        description=(
            "Rows for a side-by-side or unified view: line by line, word by word inside "
            "changed lines (escaped HTML, <del> and <ins> around the words). `to` defaults "
            "to the current revision, `from` to the one before `to`."
        ),
        parameters=[
            OpenApiParameter("from", int, description="The older revision's number."),
            OpenApiParameter("to", int, description="The newer revision's number."),
        ],
        responses={200: WikiDiffSerializer, 400: FIELD_ERRORS, 404: REVISION_NOT_FOUND},
    )
    def get(self, request, pk: int):
        page = _page_by_id(request, pk)
        to_number = _number(request, "to") or page.revision_number
        from_number = _number(request, "from") or max(1, to_number - 1)
        old = selectors.get_revision_for(request.user, page, from_number)
        new = selectors.get_revision_for(request.user, page, to_number)
        rows = diff_revisions(old.body, new.body)
        added, removed = diff_counts(rows)
        links = Links(request)
        slugs = {"space_slug": page.space.slug, "page_slug": page.slug}
        return Response(
            {
                "page": page_ref_data(page, links),
                "old": revision_data(old, links, **slugs),
                "new": revision_data(new, links, **slugs),
                "title_changed": old.title != new.title,
                "added": added,
                "removed": removed,
                "rows": [diff_row_data(row) for row in rows],
            }
        )


class PageMoveView(APIView):
    @extend_schema(
        summary="Move a page in its space's tree",
        description=(
            "Under `parent` (a page of the same space; null: on top), at `position` among "
            "its new siblings. Not under itself or its own sub-pages. Those who may edit it."
        ),
        request=WikiMoveSerializer,
        responses={200: WikiPageSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        page = _page_by_id(request, pk)
        data = validated(WikiMoveSerializer, request)
        parent = _lookup_page(request, "parent", data["parent"])
        services.page_move(
            actor=request.user, page=page, parent=parent, position=data.get("position")
        )
        return _page_response(request, pk)


class PageProtectView(APIView):
    @extend_schema(
        summary="Protect a page (or lift it)",
        description=(
            "A protected page is edited by the space's admins only; they protect it. "
            "`protected`: true (the default) or false."
        ),
        request=WikiProtectSerializer,
        responses={200: WikiPageSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        page = _page_by_id(request, pk)
        data = validated(WikiProtectSerializer, request)
        services.page_protect(actor=request.user, page=page, protected=data["protected"])
        return _page_response(request, pk)


class PageRestoreView(APIView):
    @extend_schema(
        summary="Restore a deleted page",
        description=(
            "The space's admins and the moderators of its place. If another page took its "
            "address meanwhile, it gets a free one. A page that is not deleted: 403."
        ),
        request=None,
        responses={200: WikiPageSerializer, 403: ERROR, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        page = _page_by_id(request, pk, include_deleted=True)
        services.page_restore(actor=request.user, page=page)
        return _page_response(request, pk)


class PageWatchView(APIView):
    @extend_schema(
        summary="Watch a page",
        description="Hear of its edits (one notification per page per hour). Idempotent.",
        request=None,
        responses={200: WikiWatchStateSerializer, 404: NOT_FOUND},
    )
    def post(self, request, pk: int):
        services.watch_page(user=request.user, page=_page_by_id(request, pk))
        return Response({"watching": True})

    @extend_schema(
        summary="Stop watching a page",
        description="Idempotent (watching its whole space goes on).",
        request=None,
        responses={200: WikiWatchStateSerializer, 404: NOT_FOUND},
    )
    def delete(self, request, pk: int):
        services.unwatch_page(user=request.user, page=_page_by_id(request, pk))
        return Response({"watching": False})


class PageBacklinksView(APIView):
    @extend_schema(
        operation_id="v1_wiki_page_backlinks_list",
        summary="What links to a page",
        description="The pages you may read whose text links to this one, by title.",
        responses={200: WikiBacklinksSerializer, 404: NOT_FOUND},
    )
    def get(self, request, pk: int):
        page = _page_by_id(request, pk)
        links = Links(request)
        return Response(
            {"results": [page_ref_data(p, links) for p in selectors.backlinks(request.user, page)]}
        )
