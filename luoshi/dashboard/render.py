"""Offline rendering of a page to PDF or PNG with the machine's own chromium (Debian `chromium`).

The briefing's PDF is the briefing page itself, printed: the same template, the same ECharts charts
from our static files, the fonts of the machine (fonts-noto-cjk) embedded — no network, no CDN. The
chart image in the Word file is a screenshot of the same chart.
"""
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils.translation import gettext as _


class RenderUnavailable(Exception):
    """No chromium on this machine: the caller offers the other formats."""


def chromium() -> str:
    path = settings.LUOSHI.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(path).exists():
        raise RenderUnavailable(_("本机未安装 chromium（apt-get install chromium fonts-noto-cjk），无法生成PDF"))
    return path


def static_file_url(name: str) -> str:
    """A static file as a file:// URL, for a page rendered from a temporary file."""
    found = finders.find(name)
    return Path(found).resolve().as_uri() if found else ""


def _run(html: str, output_flag: str, suffix: str, extra: list[str]) -> bytes:
    binary = chromium()
    with tempfile.TemporaryDirectory(prefix="luoshi-render-") as tmp:
        page, out = Path(tmp) / "page.html", Path(tmp) / f"out{suffix}"
        page.write_text(html, encoding="utf-8")
        cmd = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--allow-file-access-from-files",
               f"--user-data-dir={tmp}/profile", "--virtual-time-budget=5000",
               f"{output_flag}={out}", *extra, page.as_uri()]
        result = subprocess.run(cmd, capture_output=True, timeout=120)
        if not out.exists() or out.stat().st_size == 0:
            raise RenderUnavailable(_("chromium 未能生成文件：%(e)s") % {
                "e": result.stderr.decode(errors="replace")[-300:]})
        return out.read_bytes()


def html_to_pdf(html: str) -> bytes:
    return _run(html, "--print-to-pdf", ".pdf", ["--no-pdf-header-footer"])


def html_to_png(html: str, width: int, height: int) -> bytes:
    return _run(html, "--screenshot", ".png", [f"--window-size={width},{height}", "--hide-scrollbars"])
