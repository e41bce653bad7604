"""Comments and reactions on an article: the feed's services and rules
(``feed.services.conversation``), behind the article's own addresses. Without JavaScript
each form redirects back to the article, with the service's refusal as a message."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blog import selectors
from blog.models import Article
from feed.services import conversation as services


def _back(article: Article, anchor: str):
    return redirect(f"{article.get_absolute_url()}#{anchor}")


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
def comment_create(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    parent = None
    raw = request.POST.get("parent", "")
    if raw:
        if not (raw.isascii() and raw.isdigit()):
            raise Http404("No such comment.")
        parent = services.get_comment_for(request.user, int(raw))
        if not isinstance(parent.target, Article) or parent.object_id != article.pk:
            raise Http404("No such comment.")
    try:
        comment = services.comment_create(
            author=request.user, target=article, body=request.POST.get("body", ""), parent=parent
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
        return _back(article, "comments")
    messages.success(request, _("Your comment is posted."))
    return _back(article, f"comment-{comment.pk}")


@require_POST
def comment_delete(request, pk: int):
    comment = services.get_comment_for(request.user, pk)
    article = comment.target
    if not isinstance(article, Article):
        raise Http404("No such comment.")
    try:
        services.comment_delete(actor=request.user, comment=comment)
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, _("The comment is deleted."))
    return _back(article, "comments")


@require_POST
def article_react(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    try:
        services.reaction_set(user=request.user, target=article, kind=request.POST.get("kind", ""))
    except ValidationError as error:
        messages.error(request, _refusal(error))
    return _back(article, "reactions")


@require_POST
def article_unreact(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    services.reaction_clear(user=request.user, target=article)
    return _back(article, "reactions")
