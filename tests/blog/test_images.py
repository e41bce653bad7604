"""Images in article text: the author uploads them (checked with Pillow, re-encoded, stored
under names of ours), pastes their Markdown line, and readers see them as ``<img>``, served
only to who may read the article. Every other image address stays a link, and nothing the
author writes can add attributes or other sources to an ``<img>``."""

import io
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blog.models import Article, ArticleImage, Blog
from blog.services.articles import MAX_IMAGES_AT_ONCE, article_edit, article_images_add
from blog.text import render_article
from tests.blog.conftest import image_upload, join, write

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def not_an_image(name="notes.png"):
    return SimpleUploadedFile(name, b"<svg onload=alert(1)>", content_type="image/png")


def add(article, *uploads, alt=""):
    return article_images_add(
        actor=article.author, article=article, images=list(uploads) or [image_upload()], alt=alt
    )


def image_path(article_pk, number=1):
    return reverse("blog:image", kwargs={"pk": article_pk, "number": number})


class Tags(HTMLParser):
    """Every start tag of some HTML with its attributes."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    def of(self, name):
        return [attrs for tag, attrs in self.found if tag == name]


# --- uploading -------------------------------------------------------------------------


def test_the_author_uploads_images_numbered_and_re_encoded_under_our_names(author):
    article = write(author, publish="draft")

    first, second = add(
        article, image_upload("Team photo_2024.png"), image_upload("b.jpg", fmt="JPEG"), alt=""
    )
    (third,) = add(article, alt="  The new   closing screen ")

    assert [i.number for i in (first, second, third)] == [1, 2, 3]
    assert (first.width, first.height) == (64, 48)
    assert first.alt == "Team photo 2024" and third.alt == "The new closing screen"
    assert third.markdown == f"![The new closing screen]({image_path(article.pk, 3)})"
    for image in (first, second, third):
        assert (
            image.image.name.startswith("blog/images/") and f"/a{article.pk}-i-" in image.image.name
        )
        assert "photo" not in image.image.name.lower()
    assert ArticleImage.objects.filter(article=article).count() == 3


def test_uploaded_images_lose_their_metadata(author):
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    article = write(author, publish="draft")

    (image,) = add(article, image_upload("gps.jpg", fmt="JPEG", exif=exif))

    with image.image.open("rb") as stored:
        data = stored.read()
    assert b"SecretCam" not in data
    assert Image.open(io.BytesIO(data)).getexif().get(0x010F) is None


def test_the_markdown_line_keeps_brackets_out_of_the_description(author):
    article = write(author, publish="draft")

    (image,) = add(article, alt="A [tricky](javascript:x) one")

    assert image.markdown == f"![A tricky(javascript:x) one]({image_path(article.pk)})"


def test_a_file_that_is_not_an_image_refuses_the_whole_upload(author):
    article = write(author, publish="draft")

    with pytest.raises(ValidationError) as refused:
        add(article, image_upload("good.png"), not_an_image("evil.png"))

    assert "evil.png" in " ".join(refused.value.message_dict["images"])
    assert not ArticleImage.objects.exists()


@pytest.mark.parametrize(
    ("uploads", "field"),
    [((), "images"), (tuple(range(MAX_IMAGES_AT_ONCE + 1)), "images")],
)
def test_no_images_or_too_many_at_once_are_refused(author, uploads, field):
    article = write(author, publish="draft")
    files = [image_upload(f"{n}.png") for n in uploads]

    with pytest.raises(ValidationError) as refused:
        article_images_add(actor=author, article=article, images=files)

    assert field in refused.value.message_dict
    assert not ArticleImage.objects.exists()


def test_a_too_long_description_is_refused(author):
    article = write(author, publish="draft")

    with pytest.raises(ValidationError) as refused:
        add(article, alt="x" * 301)

    assert "alt" in refused.value.message_dict
    assert not ArticleImage.objects.exists()


def test_only_the_author_uploads(author, colleague):
    article = write(author)

    with pytest.raises(PermissionDenied):
        article_images_add(actor=colleague, article=article, images=[image_upload()])
    assert not ArticleImage.objects.exists()


# --- showing them ----------------------------------------------------------------------


def test_the_articles_own_image_shows_as_an_image_with_its_description(author, client):
    article = write(author, publish="draft")
    (image,) = add(article, alt="Closing screen")

    article = article_edit(
        actor=author, article=article, body=f"## Steps\n\nLook:\n\n{image.markdown}\n\nDone."
    )

    (img,) = Tags(article.body_html).of("img")
    assert img == {
        "src": image_path(article.pk),
        "alt": "Closing screen",
        "class": "img-fluid",
        "loading": "lazy",
    }
    assert "kolegaimg" not in article.body_html and "kolegaimg" not in article.excerpt
    client.force_login(author)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{image_path(article.pk)}"' in page


def test_an_image_in_a_heading_stays_out_of_the_table_of_contents(author):
    article = write(author, publish="draft")
    rendered = render_article(f"## Plan ![chart]({image_path(article.pk)})", article_id=article.pk)

    assert rendered.toc == [{"level": 2, "id": "h-plan", "text": "Plan"}]
    assert len(Tags(rendered.html).of("img")) == 1


def test_without_the_article_every_image_stays_a_link(author):
    article = write(author, publish="draft")

    html = render_article(f"![x]({image_path(article.pk)})").html

    assert Tags(html).of("img") == []
    assert Tags(html).of("a")[0]["href"] == image_path(article.pk)


@pytest.mark.parametrize(
    "body",
    [
        '![x]({own}" onerror="alert(1))',
        '![x" onerror="alert(1)]({own})',
        "![x]({own} 'onerror=alert(1)')",
        '![x]({own} "t" onerror="alert(1)")',
        '<img src="{own}" onerror="alert(1)">',
        '<img src=x onerror="alert(1)">',
        "![x](javascript:alert(1))",
        "![x](JaVaScRiPt:alert(1)//{own})",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "![x](data:text/html,<script>alert(1)</script>)",
        "![x](https://evil.example/track.png)",
        "![x](//evil.example{own})",
        "![x](https://evil.example{own})",
        "![x]({other})",
        "![x]({own}../../../../logout/)",
        "![x]({own}?next=/evil)",
        "![x]({own}#x)",
        "[![x]({own})](javascript:alert(1))",
        "`![x]({own})`",
        "```\n![x]({own})\n```",
        "[x]({own})",
        "![x][ref]\n\n[ref]: javascript:alert(1)",
        "![<script>alert(1)</script>]({own})",
    ],
)
def test_nothing_in_an_article_image_runs_and_only_its_own_images_show(author, colleague, body):
    article = write(author, publish="draft")
    other = write(colleague, title="Another", publish="draft")
    add(other)
    own, foreign = image_path(article.pk), image_path(other.pk)
    text = body.replace("{own}", own).replace("{other}", foreign)

    html = render_article(text, article_id=article.pk).html

    tags = Tags(html)
    for tag, attrs in tags.found:
        assert tag != "script"
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for value in attrs.values():
            assert not (value or "").strip().lower().startswith(("javascript:", "data:"))
    for img in tags.of("img"):
        assert set(img) == {"src", "alt", "class", "loading"}
        assert img["src"] == own
    assert foreign not in [img["src"] for img in tags.of("img")]
    assert "<script" not in html.lower()


@pytest.mark.parametrize(
    ("body", "images"),
    [
        ("![x]({own})", 1),
        ("![x](<{own}>)", 1),
        ('![x]({own} "A title")', 1),
        ("![x]({own_two}) and ![y]({own})", 2),
        ("![x](https://evil.example/a.png)", 0),
        ("![x]({other})", 0),
        ("![x]({own}?next=/evil)", 0),
        ("```\n![x]({own})\n```", 0),
    ],
)
def test_exactly_the_articles_own_image_addresses_become_images(author, body, images):
    article = write(author, publish="draft")
    text = (
        body.replace("{own_two}", image_path(article.pk, 2))
        .replace("{own}", image_path(article.pk))
        .replace("{other}", image_path(article.pk + 1))
    )

    html = render_article(text, article_id=article.pk).html

    assert len(Tags(html).of("img")) == images


# --- the image view --------------------------------------------------------------------


def test_readers_get_the_image_safely(author, colleague, client):
    article = write(author)
    add(article, image_upload("screen.png"))
    client.force_login(colleague)

    response = client.get(image_path(article.pk))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_a_draft_s_images_are_its_author_s_alone(author, colleague, client):
    article = write(author, publish="draft")
    add(article)

    client.force_login(author)
    assert client.get(image_path(article.pk)).status_code == 200
    client.force_login(colleague)
    assert client.get(image_path(article.pk)).status_code == 404


@pytest.mark.parametrize("community", ["private_community", "secret_community"])
def test_outsiders_get_404_for_a_community_article_s_image(
    request, author, colleague, outsider, client, community
):
    place = request.getfixturevalue(community)
    join(author, place)
    join(colleague, place)
    article = write(author, blog=Blog.of_community(place))
    add(article)

    client.force_login(colleague)
    assert client.get(image_path(article.pk)).status_code == 200
    client.force_login(outsider)
    assert client.get(image_path(article.pk)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(author, client):
    article = write(author)
    add(article)

    assert client.get(image_path(article.pk)).status_code == 302


def test_a_deleted_article_s_images_are_gone_and_unknown_numbers_404(author, colleague, client):
    article = write(author)
    add(article)
    other = write(author, title="No pictures")
    client.force_login(colleague)

    assert client.get(image_path(article.pk, 2)).status_code == 404
    assert client.get(image_path(other.pk, 1)).status_code == 404  # Not another's image.
    Article.objects.filter(pk=article.pk).update(deleted_at=article.published_at)
    assert client.get(image_path(article.pk)).status_code == 404


# --- the upload form -------------------------------------------------------------------


def images_url(article):
    return reverse("blog:images", kwargs={"pk": article.pk})


def test_the_edit_page_offers_the_upload_and_shows_each_image_s_line(author, client):
    article = write(author, publish="draft")
    (image,) = add(article, alt="Chart")
    client.force_login(author)

    page = client.get(reverse("blog:edit", kwargs={"pk": article.pk})).content.decode()

    assert 'id="article-images"' in page
    assert f'action="{images_url(article)}"' in page and 'type="file"' in page
    assert "multiple" in page
    assert f'value="{image.markdown}"' in page
    assert "data-blog-insert=" in page and "blog/images.js" in page


def test_uploading_with_htmx_returns_the_section_with_the_lines_to_paste(author, client):
    article = write(author, publish="draft")
    client.force_login(author)

    response = client.post(
        images_url(article),
        {"images": [image_upload("a.png"), image_upload("b.png")], "alt": "Steps"},
        **HTMX,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert f"![Steps]({image_path(article.pk, 1)})" in html
    assert f"![Steps]({image_path(article.pk, 2)})" in html
    assert "2 images uploaded." in html


def test_a_bad_file_with_htmx_answers_422_with_the_error_and_stores_nothing(author, client):
    article = write(author, publish="draft")
    client.force_login(author)

    response = client.post(
        images_url(article), {"images": [not_an_image("x.png")], "alt": "Kept"}, **HTMX
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "x.png" in html and 'value="Kept"' in html
    assert not ArticleImage.objects.exists()


def test_uploading_without_javascript_goes_back_to_the_edit_page(author, client):
    article = write(author, publish="draft")
    client.force_login(author)

    response = client.post(images_url(article), {"images": [image_upload()]})

    assert response.status_code == 302
    assert (
        response["Location"] == reverse("blog:edit", kwargs={"pk": article.pk}) + "#article-images"
    )
    assert ArticleImage.objects.filter(article=article, number=1).exists()


def test_readers_may_not_upload_and_outsiders_do_not_see_the_article(
    author, colleague, outsider, client, private_community
):
    public = write(author)
    join(author, private_community)
    private = write(author, title="Tax", blog=Blog.of_community(private_community))

    client.force_login(colleague)
    assert client.post(images_url(public), {"images": [image_upload()]}).status_code == 403
    client.force_login(outsider)
    assert client.post(images_url(private), {"images": [image_upload()]}).status_code == 404
    assert client.get(images_url(public)).status_code == 405
    assert not ArticleImage.objects.exists()


@pytest.mark.parametrize("count", [1, 12])
def test_the_edit_page_costs_the_same_whatever_the_number_of_images(
    author, client, count, django_assert_max_num_queries
):
    article = write(author, publish="draft")
    for start in range(0, count, MAX_IMAGES_AT_ONCE):
        add(article, *[image_upload() for _ in range(min(MAX_IMAGES_AT_ONCE, count - start))])
    client.force_login(author)
    url = reverse("blog:edit", kwargs={"pk": article.pk})

    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
