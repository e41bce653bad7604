"""The search pages: full results at /search/?q= and the header's search-as-you-type."""

import math
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import events
from core.ratelimit import check_rate
from search.forms import QUERY_MAX_LENGTH, SearchForm
from search.models import Kind
from search.selectors import SearchParams, SearchResults, search_documents, search_suggest

SUGGEST_LIMIT = 5
KIND_ICONS = {
    Kind.PERSON: "person",
    Kind.COMMUNITY: "diagram-3",
    Kind.POST: "chat-left-text",
    Kind.COMMENT: "chat",
    Kind.THREAD: "chat-square-text",
    Kind.REPLY: "reply",
    Kind.ARTICLE: "journal-richtext",
    Kind.WIKI_PAGE: "book",
    Kind.FILE: "file-earmark",
}
KIND_LABELS = {
    Kind.PERSON: gettext_lazy("Person"),
    Kind.COMMUNITY: gettext_lazy("Community"),
    Kind.POST: gettext_lazy("Post"),
    Kind.COMMENT: gettext_lazy("Comment"),
    Kind.THREAD: gettext_lazy("Forum thread"),
    Kind.REPLY: gettext_lazy("Forum reply"),
    Kind.ARTICLE: gettext_lazy("Article"),
    Kind.WIKI_PAGE: gettext_lazy("Wiki page"),
    Kind.FILE: gettext_lazy("File"),
}


def rate_limit(user, what: str) -> None:
    """Raise ValidationError (code ``rate_limited``) past ``SEARCH_RATE_LIMIT`` a minute."""
    limit = settings.SEARCH_RATE_LIMIT
    check_rate(f"{what}:{user.pk}", limit=limit, seconds=60)


def run_search(user, params: SearchParams) -> SearchResults:
    """Search for ``user`` and log the search for analytics (the results page and the API).

    Only a search that ran counts (some words were left once punctuation was dropped), and
    only its first page: turning pages is not searching again."""
    results = search_documents(user, params)
    if results.words and params.page == 1:
        events.publish(
            "search.performed",
            actor=user,
            payload={
                "query": params.q[:200],
                "results": results.total,
                "kinds": list(params.kinds),
            },
        )
    return results


def decorate_hits(hits, *, tags: bool = True) -> None:
    """What a list of hits shows beside the engine's data: an icon, the kind's name, the
    tags (one query, unless the engine loaded them) and, for people, the person for the
    photo."""
    if tags:
        untagged = [hit for hit in hits if hit.tags is None]
        prefetch_related_objects([hit.document for hit in untagged], "tags")
        for hit in untagged:
            hit.tags = list(hit.document.tags.all())
    for hit in hits:
        document = hit.document
        hit.icon = KIND_ICONS.get(document.kind, "search")
        hit.kind_label = KIND_LABELS.get(document.kind, document.kind)
        # A person's document names the person as its author (profiles/search.py).
        is_person = document.kind == Kind.PERSON and document.author_id == document.object_id
        hit.person = document.author if is_person else None


def _link(query, **changes) -> str:
    """``query`` (a QueryDict) with ``changes`` applied (None removes), always from page 1."""
    data = query.copy()
    data.pop("page", None)
    for name, value in changes.items():
        data.pop(name, None)
        if value not in (None, ""):
            data[name] = value
    return f"?{data.urlencode()}"


def _type_tabs(query, form, results: SearchResults) -> list[dict]:
    chosen = form.cleaned_data.get("type") or ""
    tabs = [
        {
            "value": "",
            "label": _("All"),
            "icon": "grid",
            "count": sum(results.counts.values()),
            "url": _link(query, type=None),
            "active": not chosen,
        }
    ]
    for kind in Kind:
        count = results.counts.get(kind.value, 0)
        if count or kind.value == chosen:
            tabs.append(
                {
                    "value": kind.value,
                    "label": kind.label,
                    "icon": KIND_ICONS[kind],
                    "count": count,
                    "url": _link(query, type=kind.value),
                    "active": kind.value == chosen,
                }
            )
    return tabs


def _facet_links(query, facets, name: str, chosen: str) -> list[dict]:
    return [
        {
            "label": facet.label,
            "count": facet.count,
            "value": facet.value,
            "url": _link(query, **{name: None if facet.value == chosen else facet.value}),
            "active": facet.value == chosen,
        }
        for facet in facets
    ]


def _active_filters(query, form) -> list[dict]:
    """The filters in use, each with a link that drops it (also offered when nothing matched)."""
    data = form.cleaned_data
    chips = []
    if data.get("type"):
        chips.append((_("Type: %s") % Kind(data["type"]).label, "type"))
    if data.get("community"):
        chips.append((_("Community: %s") % data["community"].name, "community"))
    if form.author_user:
        chips.append((_("Author: %s") % form.author_user.name, "author"))
    if form.tag_object:
        chips.append((_("Tag: %s") % form.tag_object.name, "tag"))
    if data.get("from"):
        chips.append((_("From %s") % data["from"].isoformat(), "from"))
    if data.get("to"):
        chips.append((_("Until %s") % data["to"].isoformat(), "to"))
    return [{"label": label, "url": _link(query, **{name: None})} for label, name in chips]


def _pages(query, params: SearchParams, results: SearchResults) -> dict:
    last = max(1, math.ceil(results.total / params.per_page))
    return {
        "number": params.page,
        "count": last,
        "capped": results.capped,  # ``total`` is a lower bound: the last page is unknown.
        "previous": _page_link(query, params.page - 1) if params.page > 1 else "",
        "next": _page_link(query, params.page + 1) if results.has_next else "",
    }


def _page_link(query, number: int) -> str:
    data = query.copy()
    data["page"] = str(number)
    return f"?{data.urlencode()}"


def results(request):
    """The full results page. Bad filters show as form errors, never as a failure."""
    form = SearchForm(request.GET or None, user=request.user)
    context = {
        "form": form,
        "results": None,
        "rate_limited": False,
        "community_facet_values": set(),
        "tag_facet_values": set(),
        "words_only_url": "?" + urlencode({"q": (request.GET.get("q") or "").strip()}),
    }
    status = 200
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        try:
            rate_limit(request.user, "search")
        except ValidationError:
            context["rate_limited"] = True
            status = 429
        else:
            params = form.params()
            found = run_search(request.user, params)
            decorate_hits(found.hits)
            query = request.GET
            community = form.cleaned_data.get("community")
            context.update(
                results=found,
                community_facet_values={facet.value for facet in found.communities},
                tag_facet_values={facet.value for facet in found.tags},
                params=params,
                tabs=_type_tabs(query, form, found),
                community_facets=_facet_links(
                    query, found.communities, "community", str(community.pk) if community else ""
                ),
                tag_facets=_facet_links(query, found.tags, "tag", form.cleaned_data["tag"]),
                active_filters=_active_filters(query, form),
                pages=_pages(query, params, found),
                first_page_url=_link(query),
                sort_links={value: _link(query, sort=value) for value in ("relevance", "newest")},
            )
    elif form.is_bound and form.errors and request.htmx:
        status = 422
    template = "search/results.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context, status=status)


def suggest(request):
    """Search as you type (HTMX): top people, communities, tags and content for the header's
    box, as the options of its listbox. Nothing typed: nothing to show."""
    text = (request.GET.get("q") or "").strip()[:QUERY_MAX_LENGTH]
    if not text:
        return HttpResponse("")
    try:
        rate_limit(request.user, "search-suggest")
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=429)
    suggestions = search_suggest(request.user, text, limit=SUGGEST_LIMIT)
    decorate_hits([*suggestions.people, *suggestions.communities, *suggestions.content], tags=False)
    context = {
        "q": text,
        "suggestions": suggestions,
        "all_url": reverse("search:results") + "?" + urlencode({"q": text}),
    }
    return render(request, "search/_suggestions.html", context)
