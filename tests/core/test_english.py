"""English, the second language (docs/decisions.md, decision 1): the catalogue is complete and compiled,
and a user who switches to English sees English chrome; only data (names of places, indicators, the
target wording quoted from documents) stays Chinese."""
import gettext
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from luoshi.indicators.excel import import_workbook
from luoshi.indicators.services import record_actual, set_target
from luoshi.indicators.workbook import export_actuals
from tests.conftest import PASSWORD

NOW = "2025-11-24 10:00 +0800"
CATALOGUE = Path(settings.BASE_DIR) / "luoshi" / "locale" / "en" / "LC_MESSAGES"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
NAV_SOURCE = ["概览", "数据上传", "导出Excel", "报告解析", "接口文档", "退出", "语言"]


@pytest.fixture(autouse=True)
def chinese_again_afterwards():
    """LocaleMiddleware leaves the request's language active in the thread after the test client's
    request; later tests that call gettext outside a request expect the default, Chinese."""
    yield
    translation.deactivate()


# --- the catalogue -------------------------------------------------------------------------------------

def _unquote(line: str) -> str:
    body = line[line.index('"') + 1:line.rindex('"')]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: flags, msgid, msgid_plural and msgstr forms (obsolete entries skipped)."""
    entries, entry, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry is not None and entry["msgid"] is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgctxt "):
            field, entry["msgctxt"] = "msgctxt", _unquote(line)
        elif line.startswith("msgid_plural "):
            field, entry["msgid_plural"] = "msgid_plural", _unquote(line)
        elif line.startswith("msgid "):
            field, entry["msgid"] = "msgid", _unquote(line)
        elif line.startswith("msgstr"):
            index = int(line[7]) if line.startswith("msgstr[") else 0
            field = ("msgstr", index)
            entry["msgstr"][index] = _unquote(line)
        elif line.startswith('"'):
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += _unquote(line)
            else:
                entry[field] += _unquote(line)
    return entries


PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdfir%])")


def placeholders(text: str) -> tuple[list[str], bool]:
    """Named placeholders in order-independent form, and whether a bare % is left over."""
    names = sorted(m.group(1) or m.group(2) for m in PLACEHOLDER.finditer(text) if m.group(2) != "%")
    stray = "%" in PLACEHOLDER.sub("", text)
    return names, stray


@pytest.fixture(scope="module")
def entries():
    return parse_po(CATALOGUE / "django.po")[1:]  # [0] is the header


def test_catalogue_is_parsed(entries):
    assert len(entries) > 500
    assert any(e["msgid"] == "概览" for e in entries)


def test_every_msgid_has_an_english_translation_and_none_is_fuzzy(entries):
    untranslated = [e["msgid"] for e in entries if not e["msgstr"] or not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    plural_forms = [e["msgid"] for e in entries if e["msgid_plural"] is not None and sorted(e["msgstr"]) != [0, 1]]
    assert untranslated == [], f"{len(untranslated)} without English: {untranslated[:10]}"
    assert fuzzy == [], f"fuzzy entries: {fuzzy[:10]}"
    assert plural_forms == [], f"English needs msgstr[0] and msgstr[1]: {plural_forms}"


def test_translations_keep_every_placeholder(entries):
    wrong = []
    for e in entries:
        if "python-format" not in e["flags"]:
            continue
        expected, _ = placeholders(e["msgid"])
        for form in e["msgstr"].values():
            names, stray = placeholders(form)
            if names != expected or stray:
                wrong.append((e["msgid"], form))
    assert wrong == []


def test_no_chinese_is_left_in_english_chrome_except_quoted_domain_terms(entries):
    """A translation may quote a Chinese term for the reader (“全年红”, examples of target wording that
    the parser reads), but must also say it in English: at most a minority of its characters are CJK."""
    mostly_chinese = [e["msgid"] for e in entries for form in e["msgstr"].values()
                      if len(CJK.findall(form)) * 2 > len(form)]
    assert mostly_chinese == []


def test_compiled_catalogue_matches_the_po(entries):
    """The .mo is what Django reads: compile after every change to the .po."""
    with open(CATALOGUE / "django.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    def single(e) -> str:
        return compiled.pgettext(e["msgctxt"], e["msgid"]) if e["msgctxt"] else compiled.gettext(e["msgid"])

    stale = [e["msgid"] for e in entries if e["msgid_plural"] is None and single(e) != e["msgstr"][0]]
    stale += [e["msgid"] for e in entries if e["msgid_plural"] is not None
              and compiled.ngettext(e["msgid"], e["msgid_plural"], 2) != e["msgstr"][1]]
    assert stale == [], f"run compilemessages -l en; stale: {stale[:10]}"


# --- the pages in English ------------------------------------------------------------------------------

class _Text(HTMLParser):
    """Visible text inside one element (by tag and class), skipping <option> (the language names)."""

    def __init__(self, tag: str, cls: str):
        super().__init__()
        self.tag, self.cls, self.depth, self.skip, self.parts = tag, cls, 0, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag == self.tag
            self.skip += tag == "option"
        elif tag == self.tag and (not self.cls or self.cls in (dict(attrs).get("class") or "").split()):
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            if tag == "option" and self.skip:
                self.skip -= 1
            self.depth -= tag == self.tag

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def text_of(page: str, tag: str, cls: str = "") -> str:
    parser = _Text(tag, cls)
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def headers_of(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)]


@pytest.fixture
def english(client):
    """Switch the way a user does: the language form in the page header posts to set_language."""
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def test_the_switch_is_offered_before_logging_in(client):
    page = client.get(reverse("login")).content.decode()
    assert f'action="{reverse("set_language")}"' in page
    assert '<option value="en"' in page


def test_login_page_in_english(english):
    page = english.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    for words in ("Log in to Luoshi", "Username", "Password", "Log in"):
        assert words in page
    assert not CJK.search(text_of(page, "main")), text_of(page, "main")
    assert not CJK.search(text_of(page, "header", "top"))


def test_failed_login_says_so_in_english(english, world):
    page = english.post(reverse("login"), {"username": "a_leader", "password": "wrong"}).content.decode()
    assert "Incorrect username or password" in page


@time_machine.travel(NOW)
def test_overview_in_english_after_logging_in(english, world, indicator):
    gdp = indicator("gdp")
    set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
    record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="241.8",
                  growth_pct="6")
    response = english.post(reverse("login"), {"username": "a_leader", "password": PASSWORD})
    assert response.status_code == 302

    page = english.get(reverse("indicators:overview", args=[world.a.pk]), {"year": 2025}).content.decode()
    nav = text_of(page, "nav")
    for words in ("Overview", "Key work", "Export to Excel", "Report reading", "API docs"):
        assert words in nav
    assert "Upload data" not in nav  # a leader reads figures; uploading is the 统计 staff's work
    header = text_of(page, "header", "top")
    assert "Log out" in header and "District leader" in header
    assert not CJK.search(header), header
    assert not any(source in page for source in NAV_SOURCE)

    assert "economic indicators overview" in page
    assert headers_of(page) and not [h for h in headers_of(page) if CJK.search(h)], headers_of(page)
    assert "Colour key" in page and "Generate briefing" in page
    # the status sentence is English around the quoted wording; the period label too
    assert "Cumulative growth 6%, reached the target “增长6%左右”" in page
    assert "Q1–Q3 2025" in page


def test_chinese_stays_the_default(client, world):
    client.force_login(world.users.a_leader)
    page = client.get(reverse("indicators:overview", args=[world.a.pk])).content.decode()
    assert '<html lang="zh-hans">' in page and "概览" in page and "Overview" not in page


@time_machine.travel(NOW)
def test_english_excel_round_trip(world, indicator):
    """The workbook's sheet and column names are translated and read back by the same names, so an English
    export must upload again in English, and no two columns of a sheet may share an English name."""
    gdp = indicator("gdp")
    set_target(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, wording="增长6%左右")
    record_actual(world.users.a_data, organisation=world.a, indicator=gdp, year=2025, month=9, value="241.8",
                  growth_pct="6")
    with translation.override("en"):
        data = export_actuals(world.users.a_data, 2025)
        workbook = load_workbook(io.BytesIO(data))
        assert workbook.sheetnames[:2] == ["Annual target", "Monthly results"]
        for sheet in workbook.worksheets[:2]:
            header = [c.value for c in sheet[1]]
            assert len(header) == len(set(header)) and not any(CJK.search(h) for h in header), header
        result = import_workbook(world.users.a_data, SimpleUploadedFile("en.xlsx", data))
    assert result.errors == []
