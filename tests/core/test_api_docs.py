"""The OpenAPI schema and its Swagger UI page."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command


def test_the_schema_validates_without_warnings(db, tmp_path):
    target = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    assert "/api/v1/people/{username}/follow/" in schema["paths"]
    assert "tokenAuth" in schema["components"]["securitySchemes"]


@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_docs_answer_signed_in_people(user_client, url):
    response = user_client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/api/schema/", "/api/docs/"])
def test_the_schema_and_docs_are_not_public(client, db, url):
    response = client.get(url)

    assert response.status_code in (401, 403)
    assert "Swagger" not in response.content.decode()


def test_the_docs_load_swagger_ui_from_our_own_static_files(user_client):
    html = user_client.get("/api/docs/").content.decode()

    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)
    assert assets, html
    assert not re.search(r"(?:https?:)?//[^\"' ]*(?:cdn|unpkg|jsdelivr)", html)
    for asset in assets:
        assert asset.startswith("/static/drf_spectacular_sidecar/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
