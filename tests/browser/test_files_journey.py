"""The file share in a real browser: Humas (a Communicator) opens the company library from the
main navigation, makes a folder, and uploads a file with the file input over a slow
connection: the file's own progress bar is seen part-way, then the file is in the listing.
He drops an image onto the folder, opens it, and its page shows the preview; a file over the
limit is refused by the page before anything is sent."""

import base64
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from files import services
from files.models import File
from profiles.roles import COMMUNICATORS
from tests.factories import PASSWORD, UserFactory
from tests.files.conftest import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Sent at 256 KB/s, 1.5 MB takes about six seconds: long enough to see the bar move.
SLOW_BYTES_PER_SECOND = 256 * 1024
BIG = bytes(range(256)) * (6 * 1024)  # 1.5 MB


def _log_in(page, base_url: str, username: str):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()


def _drop(page, selector: str, name: str, data: bytes, mime: str):
    """Drop a file on ``selector`` as a person dragging it from their desktop would."""
    transfer = page.evaluate_handle(
        """([name, data, mime]) => {
            const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type: mime }));
            return transfer;
        }""",
        [name, base64.b64encode(data).decode(), mime],
    )
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "dragover", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def test_a_file_uploads_with_its_progress_bar_and_an_image_is_previewed(
    asgi_live_server, page, settings
):
    humas = UserFactory(username="humas", display_name="Humas Kolega")
    humas.groups.add(Group.objects.get_or_create(name=COMMUNICATORS)[0])
    library = services.library_company_ensure()

    _log_in(page, asgi_live_server, "humas")
    page.get_by_role("link", name="Files").first.click()
    page.get_by_role("link", name=library.name).first.click()
    expect(page.get_by_role("heading", name=library.name)).to_be_visible()

    # A folder for the reports, made from the side form.
    page.get_by_label("Folder name").fill("Q3 reports")
    page.get_by_role("button", name="Create folder", exact=True).click()
    expect(page.get_by_text("The folder “Q3 reports” is ready.")).to_be_visible()
    page.get_by_role("link", name="Q3 reports").click()
    expect(page.get_by_role("heading", name="Q3 reports")).to_be_visible()

    # A slow connection: the upload takes seconds and its bar moves.
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 20,
            "downloadThroughput": -1,
            "uploadThroughput": SLOW_BYTES_PER_SECOND,
        },
    )
    page.get_by_label("Files to upload").set_input_files(
        files=[{"name": "survey-data.bin", "mimeType": "application/octet-stream", "buffer": BIG}]
    )
    item = page.locator(".files-queue-item").filter(has_text="survey-data.bin")
    bar = item.get_by_role("progressbar", name="Upload of survey-data.bin")
    expect(bar).to_be_visible()
    page.wait_for_function(
        """() => {
            const bar = document.querySelector(".files-queue-item progress");
            return bar && bar.hasAttribute("value") && bar.value > 0 && bar.value < bar.max;
        }""",
        timeout=15_000,
    )
    expect(item).to_contain_text(re.compile(r"survey-data\.bin: \d+% sent"))
    expect(item).to_contain_text("“survey-data.bin” is uploaded.", timeout=30_000)
    expect(bar).to_have_attribute("aria-valuetext", "100%")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    listing = page.locator("#files-listing")
    expect(listing.get_by_role("link", name="survey-data.bin")).to_be_visible()
    assert File.objects.get(name="survey-data.bin").size == len(BIG)

    # Too big for the limit: the page says so at once and sends nothing.
    limit = int(page.locator("form[data-files-upload]").get_attribute("data-max-bytes"))
    assert limit == settings.FILE_MAX_BYTES
    page.evaluate(
        """(limit) => {
            const input = document.querySelector("#files-input");
            const transfer = new DataTransfer();
            transfer.items.add(new File([new Uint8Array(limit + 1)], "too-big.iso"));
            input.files = transfer.files;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        }""",
        limit,
    )
    refused = page.locator(".files-queue-item").filter(has_text="too-big.iso")
    expect(refused).to_contain_text("the limit for one file: it was not sent")
    assert not File.objects.filter(name="too-big.iso").exists()

    # An image dropped on the folder: uploaded, listed, and previewed on its page.
    _drop(page, "[data-files-drop]", "team-photo.png", png_bytes((40, 30)), "image/png")
    dropped = page.locator(".files-queue-item").filter(has_text="team-photo.png")
    expect(dropped).to_contain_text("“team-photo.png” is uploaded.")
    link = listing.get_by_role("link", name="team-photo.png")
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", name="team-photo.png")).to_be_visible()
    preview = page.get_by_role("img", name="Preview of team-photo.png")
    expect(preview).to_be_visible()
    page.wait_for_function(
        "() => document.querySelector('.files-preview img')?.naturalWidth === 40"
    )
    expect(page.get_by_role("link", name="Download").first).to_have_attribute(
        "href", re.compile(r"/files/file/\d+/download/$")
    )
