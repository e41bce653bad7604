"""A page out of the wiki: its Markdown as a file, and a printable view (print CSS, no
navigation; the browser's "Save as PDF" makes the PDF)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from wiki import selectors
from wiki.templatetags.wiki_tags import decorate_body
from wiki.views.shared import follows_renames, page_for


def markdown_filename(page) -> str:
    """``<title>.md`` in plain letters, digits and dashes (never a path, never empty)."""
    return f"{(slugify(page.title)[:80].strip('-') or slugify(page.slug)[:80] or 'page')}.md"


@require_GET
@follows_renames
def markdown(request, space: str, slug: str):
    """The page's title and text as a Markdown file."""
    page = page_for(request, space, slug)
    text = f"# {page.title}\n\n{page.body}\n"
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=markdown_filename(page)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@follows_renames
def printable(request, space: str, slug: str):
    """The page alone, laid out for paper."""
    page = page_for(request, space, slug)
    body, toc = decorate_body(page.body_html, selectors.missing_urls(page, request.user))
    context = {
        "space": page.space,
        "page": page,
        "body": body,
        "toc": toc,
        "crumbs": selectors.breadcrumbs(page),
        "tags": list(page.tags.all()),
    }
    return render(request, "wiki/page_print.html", context)
