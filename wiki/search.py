"""Wiki pages in the search index: the current text of every page that is not deleted or
hidden, placed where its space is."""

from search import indexing
from search.models import Kind
from wiki.models import Page, Space


def page_document(page: Page) -> indexing.Document | None:
    if page.is_deleted or page.is_hidden:
        return None
    tags = indexing.tags_of(page)
    return indexing.Document(
        url=page.get_absolute_url(),
        created_at=page.created_at,
        title=page.title,
        body=indexing.plain_text(page.body_html) or indexing.text_of(page.body),
        keywords=" ".join(tag.name for tag in tags),
        subtitle=page.space.name,
        community_id=page.community_id,
        author_id=page.author_id,
        tag_ids=tuple(tag.pk for tag in tags),
    )


def pages():
    return (
        Page.objects.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        .select_related("space")
        .prefetch_related(indexing.prefetch_tags(Page))
    )


indexing.register(
    Kind.WIKI_PAGE,
    Page,
    document=page_document,
    queryset=pages,
    # A space's name and address are in its pages' documents.
    watch={Space: lambda space: space.pages.all()},
)
