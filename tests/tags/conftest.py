"""Content of every kind carrying tags, made through each app's services, for the topic
tests: ``make(kind, author=..., community=..., tags=[...])``."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.utils import timezone

from blog.models import Blog
from blog.services.articles import article_create
from feed.services.posts import post_create
from files import services as files
from forums.services.categories import category_create
from forums.services.threads import thread_create
from search.indexing import index
from wiki import services as wiki

KINDS = ("post", "thread", "article", "wiki_page", "file")


def make(kind: str, *, author, community=None, tags=(), title: str = ""):
    """One item of ``kind`` placed in ``community`` (company-wide when None) by ``author``
    (who must be allowed to: a community's owner, or a communicator company-wide)."""
    title = title or f"About {', '.join(tags) or 'nothing'}"
    with TestCase.captureOnCommitCallbacks(execute=True):
        if kind == "post":
            return post_create(author=author, community=community, body=title, tags=list(tags))
        if kind == "thread":
            category = category_create(actor=author, community=community, name=f"C {title}"[:60])
            return thread_create(author=author, category=category, title=title, body="Details",
                                 tags=list(tags))  # fmt: skip
        if kind == "article":
            blog = Blog.of_community(community) if community else Blog.company()
            return article_create(author=author, title=title, body="Text", blog=blog,
                                  publish="now", tags=list(tags))  # fmt: skip
        if kind == "wiki_page":
            space = (
                wiki.space_ensure_for_community(community=community)
                if community
                else wiki.space_company_ensure()
            )
            return wiki.page_create(author=author, space=space, title=title, body="Text",
                                    tags=list(tags))  # fmt: skip
        if kind == "file":
            library = (
                files.library_ensure_for_community(community=community)
                if community
                else files.library_company_ensure()
            )
            upload = SimpleUploadedFile(f"{kind}-{title[:20]}.txt", b"Some text", "text/plain")
            return files.file_upload(actor=author, library=library, upload=upload, name=title,
                                     tags=list(tags))  # fmt: skip
    raise ValueError(kind)


def backdate(obj, *, days: float):
    """Make ``obj`` (and its search document) ``days`` days old, as if written then."""
    when = timezone.now() - timezone.timedelta(days=days)
    type(obj)._base_manager.filter(pk=obj.pk).update(created_at=when)
    obj.refresh_from_db()
    index(obj)
    return obj
