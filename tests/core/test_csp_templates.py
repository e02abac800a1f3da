"""What the Content-Security-Policy would block never reaches a page: no template served to browsers has
an inline script, an event attribute or a style attribute (the browser test checks the pages live).
The two print templates are rendered to files for chromium's offline PDF and never served."""
import re
from pathlib import Path

from django.conf import settings
from django.test import Client

TEMPLATES = Path(settings.BASE_DIR) / "templates"
PRINTED = {"dashboard/briefing_print.html", "dashboard/briefing_chart.html"}
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)


def test_no_served_template_has_inline_script_event_or_style_attributes():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name in PRINTED:
            continue
        text = path.read_text(encoding="utf-8")
        for label, pattern in (("inline script", INLINE_SCRIPT), ("event attribute", EVENT_ATTRIBUTE),
                               ("style attribute", STYLE_ATTRIBUTE)):
            found += [f"{name}: {label} {m.group(0)!r}" for m in pattern.finditer(text)]
    assert found == []


def test_every_page_carries_the_policy(db):
    policy = Client().get("/login/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
