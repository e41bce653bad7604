"""Who may do what with blogs and articles. ``can_*`` answer with a bool; ``check_*`` raise
(PermissionDenied, or Http404 for what the person may not see)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from blog.models import Article, Blog, BlogKind
from communities.permissions import can_post, can_view_community
from moderation.permissions import can_moderate_in
from profiles.roles import COMMUNICATORS, has_role


def can_write_in(user, blog: Blog) -> bool:
    """The company blog is for Communicators, a personal blog for its owner, a community
    blog for those who may post in the community."""
    if not user.is_authenticated or not user.is_active:
        return False
    if blog.kind == BlogKind.COMPANY:
        return has_role(user, COMMUNICATORS)
    if blog.kind == BlogKind.PERSONAL:
        return blog.author is not None and blog.author.pk == user.pk
    return can_post(user, blog.community)


def can_edit_article(user, article: Article) -> bool:
    """Only the author edits (and publishes) their article, while they may still write in
    its blog (not deleted, not in an archived community)."""
    return (
        user.is_authenticated
        and article.author_id == user.pk
        and not article.is_deleted
        and can_write_in(user, article.blog)
    )


def can_delete_article(user, article: Article) -> bool:
    """The author, and the moderators of where the article is placed."""
    if not user.is_authenticated or article.is_deleted:
        return False
    return article.author_id == user.pk or can_moderate_in(user, article.community)


def can_restore_article(user, article: Article) -> bool:
    return user.is_authenticated and article.is_deleted and can_moderate_in(user, article.community)


def can_see_history(user, article: Article) -> bool:
    """Earlier versions: the author and the moderators."""
    return user.is_authenticated and (
        article.author_id == user.pk or can_moderate_in(user, article.community)
    )


def check_write_in(user, blog: Blog) -> None:
    if blog.kind == BlogKind.COMMUNITY and not can_view_community(user, blog.community):
        raise Http404("No such community.")
    if can_write_in(user, blog):
        return
    if blog.kind == BlogKind.COMPANY:
        raise PermissionDenied(_("Only Communicators write in the company blog."))
    if blog.kind == BlogKind.PERSONAL:
        raise PermissionDenied(_("Only its owner writes in a personal blog."))
    if blog.community.is_archived:
        raise PermissionDenied(_("This community is archived; it is read-only."))
    raise PermissionDenied(_("You cannot write in this community's blog."))


def check_readable(user, article: Article) -> None:
    """404 unless ``user`` may read ``article`` (published and visible, or their own draft)."""
    if not article.is_readable_by(user):
        raise Http404("No such article.")


def check_edit_article(user, article: Article) -> None:
    check_readable(user, article)
    if not can_edit_article(user, article):
        raise PermissionDenied(_("Only the author can change this article."))


def check_delete_article(user, article: Article) -> None:
    if article.is_deleted:
        if can_moderate_in(user, article.community) or article.author_id == user.pk:
            raise PermissionDenied(_("This article has already been deleted."))
        raise Http404("No such article.")
    check_readable(user, article)
    if not can_delete_article(user, article):
        raise PermissionDenied(_("Only the author or a moderator can delete this article."))
