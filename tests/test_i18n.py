"""The Dutch catalogue is complete: every string in code and templates has a Dutch translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import werkbrug

PACKAGE = Path(werkbrug.__file__).parent
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _entries(po: str) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) per entry of a .po file; enough of the format for our own catalogue."""
    entries, fuzzy, current, field = [], False, {"msgid": "", "msgstr": ""}, None
    for line in [*po.splitlines(), ""]:
        if not line.strip():
            if field:
                entries.append((current["msgid"], current["msgstr"], fuzzy))
            fuzzy, current, field = False, {"msgid": "", "msgstr": ""}, None
        elif line.startswith("#,"):
            fuzzy = "fuzzy" in line
        elif line.startswith(("msgid ", "msgstr ", "msgid_plural ", "msgstr[")):
            key, _, rest = line.partition(" ")
            field = "msgstr" if key.startswith("msgstr") else "msgid" if key == "msgid" else None
            if field:
                current[field] += rest.strip()[1:-1]
        elif line.startswith('"') and field:
            current[field] += line.strip()[1:-1]
    return [e for e in entries if e[0]]  # the header has an empty msgid


def test_every_string_in_the_catalogue_is_translated_and_none_is_fuzzy():
    entries = _entries(CATALOGUE.read_text(encoding="utf-8"))
    assert len(entries) > 100
    untranslated = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert not untranslated, f"Translate these in {CATALOGUE.name} (make messages): {untranslated}"


def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    """Run makemessages on a copy of the code: no string may come out untranslated."""
    copy = tmp_path / "werkbrug"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--locale", "nl", "--no-location", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PYTHONPATH": str(Path.cwd()),
        },
    )
    fresh = _entries((copy / "locale" / "nl" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    untranslated = [msgid for msgid, msgstr, fuzzy in fresh if not msgstr or fuzzy]
    assert not untranslated, f"New strings without a Dutch translation (run make messages): {untranslated}"


def test_the_compiled_catalogue_is_up_to_date():
    assert (CATALOGUE.with_suffix(".mo")).stat().st_mtime >= CATALOGUE.stat().st_mtime - 1
