"""Bahasa Indonesia must be complete: every marked string in the code has a translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO_FILE = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
# Every app of the project (a folder with apps.py), the project package and the templates.
SOURCES = sorted(
    [d.name for d in ROOT.iterdir() if (d / "apps.py").exists()] + ["esn", "templates"]
)


def _untranslated(po: polib.POFile) -> list[str]:
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]


def test_indonesian_catalogue_has_no_missing_or_fuzzy_entries():
    po = polib.pofile(str(PO_FILE))
    assert po.percent_translated() == 100, _untranslated(po)[:20]


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs gettext's xgettext")
def test_every_marked_string_in_the_code_is_in_the_indonesian_catalogue(tmp_path):
    # Extract from a copy, so the working tree's catalogue is not rewritten by the test.
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-obsolete"],
        cwd=tmp_path, check=True, capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "esn.settings", "DEBUG": "1"},
    )  # fmt: skip
    extracted = polib.pofile(str(tmp_path / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    assert _untranslated(extracted) == []
