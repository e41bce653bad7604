import os
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from profiles.models import User
from tests.factories import PASSWORD, DepartmentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _noisy_png(folder):
    """A 2 MB photo: noise does not compress, so the upload takes a measurable while."""
    path = folder / "photo.png"
    Image.frombytes("RGB", (820, 820), os.urandom(820 * 820 * 3)).save(path)
    return path


def test_employee_logs_in_edits_profile_follows_a_colleague_and_switches_to_indonesian(
    live_server, page, tmp_path
):
    finance = DepartmentFactory(name="Finance")
    UserFactory(username="ratna.sari", first_name="Ratna", last_name="Sari",
                display_name="Ratna Sari", department=finance)  # fmt: skip
    colleague = UserFactory(username="budi.santoso", display_name="Budi Santoso",
                            job_title="Accountant", department=finance)  # fmt: skip

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username or e-mail").fill("ratna.sari")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    expect(page.get_by_role("navigation", name="Main navigation")).to_be_visible()

    page.goto(f"{live_server.url}/accounts/profile/")
    page.get_by_label("Job title", exact=True).fill("Senior Tax Accountant")
    page.get_by_label("About me", exact=True).fill("I keep our **tax** filings on time.")
    page.get_by_label("Skills", exact=True).fill("Tax, SAP FI")
    page.get_by_label("Photo", exact=True).set_input_files(str(_noisy_png(tmp_path)))
    # Remember what the upload progress bar said; the page is replaced once saved.
    page.evaluate(
        """() => document.addEventListener("htmx:xhr:progress", () => {
            const bar = document.querySelector("[data-progress-bar]");
            sessionStorage.setItem("progress", bar.hidden ? "hidden" : bar.ariaValueNow);
        })"""
    )
    page.get_by_role("button", name=re.compile("Save", re.I)).click()
    expect(page).to_have_url(re.compile(r"/people/ratna\.sari/$"))
    expect(page.get_by_text("Senior Tax Accountant").first).to_be_visible()
    expect(page.locator("strong", has_text="tax")).to_be_visible()
    expect(page.get_by_role("link", name="SAP FI")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('progress')") == "100"
    photo = page.locator("img.avatar-xl")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [512, 512]

    page.goto(f"{live_server.url}{colleague.get_absolute_url()}")
    page.get_by_role("button", name=re.compile(r"^\s*Follow\b", re.I)).click()
    expect(page.get_by_role("button", name=re.compile("Unfollow|Following", re.I))).to_be_visible()

    page.goto(f"{live_server.url}/people/ratna.sari/following/")
    expect(page.get_by_role("link", name="Budi Santoso").first).to_be_visible()

    page.get_by_label("Language").select_option("id")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("link", name=re.compile("Orang"))).to_be_visible()
    expect(page.get_by_text("Jejaring sosial perusahaan Anda")).to_be_visible()
    # The choice is remembered on the account, not only in this browser.
    assert User.objects.get(username="ratna.sari").language == "id"
