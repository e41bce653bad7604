"""Writing articles: a new one, editing, publishing, unpublishing and deleting. Each view
parses a form, calls one service of ``blog.services.articles`` and redirects; a service's
ValidationError comes back on the form with everything typed kept."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from blog import permissions, selectors
from blog.forms import ArticleEditForm, ArticleForm, ArticleImagesForm, PublishForm
from blog.models import Article, ArticleStatus, BlogKind
from blog.services import articles as services


def _done(request, article: Article, success: str):
    """The service's notice for the author (a schedule already past) or ``success``."""
    if article.notice:
        messages.warning(request, article.notice)
    else:
        messages.success(request, success)
    return redirect(article.get_absolute_url())


def _blog_url(article: Article) -> str:
    if article.blog_kind == BlogKind.COMMUNITY:
        return reverse("blog:community", kwargs={"community": article.community.slug})
    if article.blog_kind == BlogKind.COMPANY:
        return reverse("blog:company")
    return reverse("blog:personal", kwargs={"username": article.author.username})


@require_http_methods(["GET", "POST"])
def article_write(request):
    status = 200
    if request.method == "POST":
        form = ArticleForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                article = services.article_create(
                    author=request.user,
                    blog=data["blog"],
                    title=data["title"],
                    body=data["body"],
                    excerpt=data["excerpt"],
                    tags=data["tags"],
                    cover=data["cover"],
                    publish=data["publish"],
                    publish_at=data["publish_at"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                if article.status == ArticleStatus.DRAFT:
                    return _done(request, article, _("Your draft is saved."))
                if article.status == ArticleStatus.SCHEDULED:
                    return _done(request, article, _("Your article is scheduled."))
                return _done(request, article, _("Your article is published."))
        status = 422
    else:
        form = ArticleForm(user=request.user)
        if request.GET.get("blog", "") in form.blogs:
            form.initial["blog"] = request.GET["blog"]
    return render(request, "blog/article_write.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def article_edit(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    permissions.check_edit_article(request.user, article)
    status = 200
    if request.method == "POST":
        form = ArticleEditForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                article = services.article_edit(
                    actor=request.user,
                    article=article,
                    title=data["title"],
                    body=data["body"],
                    excerpt=data["excerpt"],
                    tags=data["tags"],
                    cover=data["cover"],
                    remove_cover=data["remove_cover"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(article.get_absolute_url())
        status = 422
    else:
        form = ArticleEditForm(
            initial={
                "title": article.title,
                "body": article.body,
                "excerpt": article.excerpt if article.excerpt_is_explicit else "",
                "tags": ", ".join(t.name for t in article.tags.all()),
            }
        )
    context = {"form": form, "article": article, **_images_context(article)}
    return render(request, "blog/article_edit.html", context, status=status)


def _images_context(article: Article, form: ArticleImagesForm | None = None) -> dict:
    return {"images": list(article.images.all()), "images_form": form or ArticleImagesForm()}


@require_POST
def article_images(request, pk: int):
    """Upload images for an article's text (its author). With HTMX the images section comes
    back in place (the text being written stays as it is); without, the edit page."""
    article = selectors.get_article_for(request.user, pk)
    permissions.check_edit_article(request.user, article)
    form = ArticleImagesForm(request.POST, request.FILES)
    added = []
    if form.is_valid():
        try:
            added = services.article_images_add(
                actor=request.user,
                article=article,
                images=form.cleaned_data["images"],
                alt=form.cleaned_data["alt"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
    edit_url = reverse("blog:edit", kwargs={"pk": article.pk}) + "#article-images"
    if request.htmx:
        context = {
            "article": article,
            "added": added,
            **_images_context(article, None if added else form),
        }
        status = 200 if added else 422
        return render(request, "blog/_article_images.html", context, status=status)
    if added:
        messages.success(request, _("The images are uploaded: put them in the text."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(edit_url)


def _refused(request, article: Article, error: ValidationError):
    messages.error(request, " ".join(error.messages))
    return redirect(article.get_absolute_url())


@require_POST
def article_publish(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid date and time to publish the article."))
        return redirect(article.get_absolute_url())
    publish_at = form.cleaned_data["publish_at"]
    try:
        article = services.article_publish(
            actor=request.user, article=article, publish_at=publish_at
        )
    except ValidationError as error:
        return _refused(request, article, error)
    if article.status == ArticleStatus.SCHEDULED:
        return _done(request, article, _("Your article is scheduled."))
    return _done(request, article, _("Your article is published."))


@require_POST
def article_unpublish(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    try:
        article = services.article_unpublish(actor=request.user, article=article)
    except ValidationError as error:
        return _refused(request, article, error)
    messages.success(request, _("The article is back in your drafts."))
    return redirect("blog:drafts")


@require_POST
def article_delete(request, pk: int):
    article = selectors.get_article_for(request.user, pk)
    try:
        article = services.article_delete(actor=request.user, article=article)
    except ValidationError as error:
        return _refused(request, article, error)
    messages.success(request, _("The article is deleted."))
    if article.author_id == request.user.pk and article.status != ArticleStatus.PUBLISHED:
        return redirect("blog:drafts")
    return redirect(_blog_url(article))
