"""Blog articles in the search index: published ones only (drafts and scheduled articles
have no document until they go out), dated by their publication."""

from blog.models import Article
from search import indexing
from search.models import Kind


def article_document(article: Article) -> indexing.Document | None:
    if article.is_deleted or article.is_hidden or not article.is_published:
        return None
    tags = indexing.tags_of(article)
    return indexing.Document(
        url=article.get_absolute_url(),
        created_at=article.published_at,
        title=article.title,
        body=indexing.plain_text(article.body_html) or indexing.text_of(article.body),
        keywords=" ".join(tag.name for tag in tags),
        subtitle=article.excerpt,
        community_id=article.community_id,
        author_id=article.author_id,
        engagement=article.reaction_count + article.comment_count + article.view_count // 10,
        tag_ids=tuple(tag.pk for tag in tags),
    )


def articles():
    return (
        Article.objects.filter(deleted_at__isnull=True, hidden_at__isnull=True)
        .published()
        .select_related("community", "author")
        .prefetch_related(indexing.prefetch_tags(Article))
    )


def _comments(article):
    from feed.search import comments_on

    return comments_on(article)


indexing.register(
    Kind.ARTICLE,
    Article,
    document=article_document,
    queryset=articles,
    dependents=_comments,
)
