"""Writing planned posts in bulk: ``bulk_create`` for rows whose ids are needed later (posts,
comments, polls...), plain multi-row INSERTs for the many that are not (reactions, votes,
views, tag and mention links)."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from taggit.models import Tag

from feed.demo.plan import PlannedPost
from feed.demo.world import World
from feed.models import (
    AnnouncementView,
    Comment,
    Poll,
    PollOption,
    PollVote,
    Post,
    PostRevision,
    Praise,
    Reaction,
    TaggedPost,
)

BATCH = 2000


def insert_rows(model, fields: list[str], rows: list[tuple]) -> int:
    """Plain multi-row INSERTs for rows nobody needs the ids of (link tables, reactions,
    votes, views): at bench sizes ``bulk_create``'s model instances cost more than the SQL.
    ``fields`` are model field names; datetimes and JSON are adapted as the backend wants them."""
    if not rows:
        return 0
    meta, ops = model._meta, connection.ops
    columns = [meta.get_field(name) for name in fields]
    adapters = {
        i: ops.adapt_datetimefield_value
        if f.get_internal_type() == "DateTimeField"
        else lambda value, encoder=f.encoder: ops.adapt_json_value(value, encoder)
        for i, f in enumerate(columns)
        if f.get_internal_type() in ("DateTimeField", "JSONField")
    }
    names = ", ".join(ops.quote_name(f.column) for f in columns)
    per_statement = max(1, min(1000, 30000 // len(columns)))
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            params = []
            for row in batch:
                if adapters:
                    row = list(row)
                    for i, adapt in adapters.items():
                        row[i] = adapt(row[i])
                params.extend(row)
            cursor.execute(
                f"INSERT INTO {ops.quote_name(meta.db_table)} ({names}) VALUES "
                + ", ".join([row_sql] * len(batch)),
                params,
            )
    return len(rows)


class Writer:
    def __init__(self, world: World):
        self.world = world
        self.post_type = ContentType.objects.get_for_model(Post)
        self.comment_type = ContentType.objects.get_for_model(Comment)
        self.tag_ids = {name.lower(): pk for pk, name in Tag.objects.values_list("pk", "name")}
        self.counts = dict.fromkeys(
            ["posts", "comments", "reactions", "shares", "polls", "poll_votes", "praise",
             "announcements", "post_tags", "mentions"], 0,
        )  # fmt: skip

    def tags(self, names) -> None:
        """Create the hashtags' tags that do not exist yet (case-insensitively, as taggit)."""
        missing = [n for n in dict.fromkeys(names) if n not in self.tag_ids]
        if not missing:
            return
        taken = set(Tag.objects.values_list("slug", flat=True))
        rows = []
        for name in missing:
            slug, i = Tag().slugify(name), 0
            while slug in taken:
                i += 1
                slug = Tag().slugify(name, i)
            taken.add(slug)
            rows.append(Tag(name=name, slug=slug))
        Tag.objects.bulk_create(rows, batch_size=BATCH)
        self.tag_ids.update(
            (name.lower(), pk)
            for pk, name in Tag.objects.filter(name__in=missing).values_list("pk", "name")
        )

    def write(self, chunk: list[PlannedPost]) -> None:
        ids, counts = self.world.ids, self.counts
        originals = [p for p in chunk if p.original is None]
        shares = [p for p in chunk if p.original is not None]
        Post.objects.bulk_create([p.post for p in originals], batch_size=BATCH)
        for share in shares:
            share.post.shared_post_id = share.original.post.pk
        Post.objects.bulk_create([p.post for p in shares], batch_size=BATCH)
        self.tags(name for p in chunk for name in p.tags)
        tagged = insert_rows(
            TaggedPost,
            ["content_object", "tag"],
            [(p.post.pk, self.tag_ids[name]) for p in chunk for name in dict.fromkeys(p.tags)],
        )
        mentions = insert_rows(
            Post.mentioned_users.through,
            ["post", "user"],
            [(p.post.pk, ids[m]) for p in chunk for m in p.mentioned],
        )

        polls = [p for p in chunk if p.poll is not None]
        for p in polls:
            p.poll.post_id = p.post.pk
        Poll.objects.bulk_create([p.poll for p in polls], batch_size=BATCH)
        for p in polls:
            for option in p.options:
                option.poll_id = p.poll.pk
        PollOption.objects.bulk_create([o for p in polls for o in p.options], batch_size=BATCH)
        votes = insert_rows(
            PollVote,
            ["poll", "option", "user", "created_at", "updated_at"],
            [
                (p.poll.pk, p.options[position].pk, user, at, at)
                for p in polls
                for user, at, position in p.votes
            ],
        )
        praised = [p for p in chunk if p.praise is not None]
        for p in praised:
            p.praise.post_id = p.post.pk
        Praise.objects.bulk_create([p.praise for p in praised], batch_size=BATCH)
        insert_rows(
            Praise.recipients.through,
            ["praise", "user"],
            [(p.praise.pk, ids[r]) for p in praised for r in p.recipients],
        )
        insert_rows(
            AnnouncementView,
            ["post", "user", "seen_at"],
            [(p.post.pk, user, at) for p in chunk for user, at in p.views],
        )
        revisions = [p for p in chunk if p.revision is not None]
        for p in revisions:
            p.revision.post_id = p.post.pk
        PostRevision.objects.bulk_create([p.revision for p in revisions], batch_size=BATCH)

        top = [c for p in chunk for c in self._targeted(p, p.comments)]
        Comment.objects.bulk_create(top, batch_size=BATCH)
        replies = []
        for p in chunk:
            for reply in self._targeted(p, p.replies):
                reply.parent_id = reply.parent.pk
                replies.append(reply)
        Comment.objects.bulk_create(replies, batch_size=BATCH)
        insert_rows(
            Comment.mentioned_users.through,
            ["comment", "user"],
            [(c.pk, ids[m]) for p in chunk for c, m in p.comment_mentions],
        )
        post_type, comment_type = self.post_type.pk, self.comment_type.pk
        reactions = insert_rows(
            Reaction,
            ["content_type", "object_id", "user", "kind", "created_at", "updated_at"],
            [
                *((post_type, p.post.pk, user, kind, at, at)
                  for p in chunk for user, kind, at in p.reactions),
                *((comment_type, c.pk, user, kind, at, at)
                  for p in chunk for user, kind, at, c in p.comment_reactions),
            ],
        )  # fmt: skip

        counts["posts"] += len(chunk)
        counts["shares"] += len(shares)
        counts["comments"] += len(top) + len(replies)
        counts["reactions"] += reactions
        counts["polls"] += len(polls)
        counts["poll_votes"] += votes
        counts["praise"] += len(praised)
        counts["announcements"] += sum(p.post.is_announcement for p in chunk)
        counts["post_tags"] += tagged
        counts["mentions"] += mentions

    def _targeted(self, planned: PlannedPost, comments: list[Comment]) -> list[Comment]:
        for comment in comments:
            comment.content_type_id, comment.object_id = self.post_type.pk, planned.post.pk
        return comments
