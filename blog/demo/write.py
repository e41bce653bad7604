"""Writing the planned articles through the services (``blog.services.articles`` for the
articles, ``feed.services.conversation`` for their comments and reactions), then moving every
timestamp back to the plan's: the article (first saved, published), its comments and
reactions, and its card in the feed (``feed.models.Post`` of kind ``article``) when the blog
makes one. Counters (comments, reactions) are the services' own."""

from django.contrib.contenttypes.models import ContentType

from blog.demo.plan import PlannedArticle
from blog.models import Article, ArticleStatus, Blog
from blog.services import articles as services
from communities.models import Community
from feed.demo.world import World
from feed.models import Comment, Reaction
from feed.services import conversation
from forums.demo.write import chunks, item_posts, update_rows
from profiles.models import User

STATUS_COUNTS = {
    ArticleStatus.PUBLISHED: "published",
    ArticleStatus.DRAFT: "drafts",
    ArticleStatus.SCHEDULED: "scheduled",
}


class Writer:
    def __init__(self, world: World):
        self.world = world
        self.users = User.objects.in_bulk(world.ids)
        self.saved: list[tuple[PlannedArticle, Article, list[tuple[Comment, object]]]] = []
        self.counts = dict.fromkeys(
            ["articles", "published", "drafts", "scheduled", "article_comments",
             "article_reactions"], 0,
        )  # fmt: skip

    def user(self, person: int) -> User:
        return self.users[self.world.ids[person]]

    def write(self, planned: list[PlannedArticle]) -> None:
        communities = Community.objects.in_bulk(
            [a.community.pk for a in planned if a.community is not None]
        )
        counts = self.counts
        for article in sorted(planned, key=lambda a: a.at):
            author = self.user(article.author)
            if article.community is not None:
                blog = Blog.of_community(communities[article.community.pk])
            elif article.blog == "company":
                blog = Blog.company()
            else:
                blog = Blog.personal(author)
            publish = {
                ArticleStatus.PUBLISHED: services.PUBLISH_NOW,
                ArticleStatus.SCHEDULED: services.SCHEDULE,
                ArticleStatus.DRAFT: services.DRAFT,
            }[article.status]
            saved = services.article_create(
                author=author, blog=blog, title=article.title, body=article.body,
                tags=article.spec["tags"], excerpt=article.spec.get("excerpt", ""),
                publish=publish, publish_at=article.publish_at,
            )  # fmt: skip
            comments, saved_comments = [], {}
            for plan in article.comments:
                comment = conversation.comment_create(
                    author=self.user(plan.person), target=saved, body=plan.body,
                    parent=saved_comments[id(plan.parent)] if plan.parent else None,
                )  # fmt: skip
                saved_comments[id(plan)] = comment
                comments.append((plan, comment))
                for person, _at in plan.likes:
                    conversation.reaction_set(user=self.user(person), target=comment, kind="like")
            for person, kind, _at in article.reactions:
                conversation.reaction_set(user=self.user(person), target=saved, kind=kind)
            self.saved.append((article, saved, comments))
            counts["articles"] += 1
            counts[STATUS_COUNTS[article.status]] += 1
            counts["article_comments"] += len(comments)
            counts["article_reactions"] += len(article.reactions)

    def backdate(self) -> None:
        """Set every row the services wrote to the time the plan gave it."""
        articles, comments, reacted = [], [], {}
        article_type = ContentType.objects.get_for_model(Article).pk
        comment_type = ContentType.objects.get_for_model(Comment).pk
        published = {}
        for planned, article, saved in self.saved:
            is_published = planned.status == ArticleStatus.PUBLISHED
            at = planned.at if is_published else None
            articles.append((planned.written_at, planned.at, at, planned.views, article.pk))
            if is_published:
                published[article.pk] = planned.at
            for person, _kind, when in planned.reactions:
                reacted[(article_type, article.pk, self.world.ids[person])] = when
            for plan, comment in saved:
                comments.append((plan.at, plan.at, comment.pk))
                for person, when in plan.likes:
                    reacted[(comment_type, comment.pk, self.world.ids[person])] = when
        update_rows(Article, ["created_at", "updated_at", "published_at", "view_count"], articles)
        update_rows(Comment, ["created_at", "updated_at"], comments)
        rows = []
        for kind, ids in ((article_type, [a[-1] for a in articles]),
                          (comment_type, [c[-1] for c in comments])):  # fmt: skip
            for some in chunks(ids):
                for pk, object_id, user in Reaction.objects.filter(
                    content_type_id=kind, object_id__in=some
                ).values_list("pk", "object_id", "user_id"):
                    when = reacted[(kind, object_id, user)]
                    rows.append((when, when, pk))
        update_rows(Reaction, ["created_at", "updated_at"], rows)
        item_posts("article", published)
