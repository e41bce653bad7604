"""What the forum's services share: cleaning titles, bodies, topics and files; rendering text."""

import mimetypes
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from blog.text import IMAGE, _outside_code
from feed.services.posts import _clean_topic_tags, clean_file_name
from feed.text import render_text
from forums.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, ReplyAttachment

MAX_ATTACHMENTS = 10


def clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the thread a title.")})
    if len(title) > TITLE_MAX_LENGTH:
        raise ValidationError(
            {"title": _("Keep the title under %(limit)d characters.") % {"limit": TITLE_MAX_LENGTH}}
        )
    return title


def clean_body(body: str, *, required: bool) -> str:
    body = (body or "").strip()
    if required and not body:
        raise ValidationError({"body": _("Write something first.")})
    if len(body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {
                "body": _("Keep it under %(limit)d characters (it has %(count)d).")
                % {"limit": BODY_MAX_LENGTH, "count": len(body)}
            }
        )
    return body


def clean_tags(tags) -> list[str]:
    """Topics as the feed cleans them (lower case, at most ten)."""
    return _clean_topic_tags(tags)


def clean_attachments(files) -> list:
    files = [f for f in files or () if f]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("Attach at most %(limit)d files.") % {"limit": MAX_ATTACHMENTS}}
        )
    limit = settings.POST_ATTACHMENT_MAX_BYTES
    too_large = [f for f in files if f.size > limit]
    if too_large:
        raise ValidationError(
            {
                "attachments": [
                    _("%(name)s is %(size)s; the limit is %(limit)s.")
                    % {
                        "name": clean_file_name(f.name),
                        "size": filesizeformat(f.size),
                        "limit": filesizeformat(limit),
                    }
                    for f in too_large
                ]
            }
        )
    return files


def store_attachments(reply, files) -> None:
    for position, upload in enumerate(files):
        name = clean_file_name(upload.name)
        attachment = ReplyAttachment(
            reply=reply,
            name=name,
            size=upload.size,
            content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            position=position,
        )
        # The stored name is ours; the person's file name is only shown and sent back.
        attachment.file.save(f"r{reply.pk}-{position}{os.path.splitext(name)[1][:20]}", upload)
        attachment.save()


def render_onto(item, body: str):
    """Render ``body`` onto ``item`` (a thread or a reply), store its mentions; return the
    people newly mentioned and the hashtags. Markdown images become links to the image, as in
    articles (the sanitiser allows no ``<img>``), outside code."""
    rendered = render_text(_outside_code(body, lambda piece: IMAGE.sub("[", piece)))
    item.body, item.body_html = body, rendered.html
    item.save(update_fields=["body", "body_html", "updated_at"])
    before = set(item.mentioned_users.values_list("pk", flat=True))
    item.mentioned_users.set(rendered.users)
    return [u for u in rendered.users if u.pk not in before], rendered.hashtags
