"""Chinese prose punctuation (GB/T 15834): what generated Chinese sentences are joined with, and the
check that none slipped through in ASCII.

Numbers and units stay as written (3.5%、1—11月、±0.5); what must be full-width is the punctuation of the
prose around them: ，；：。、？！（）. An ASCII mark counts as prose punctuation when a Chinese character or
closing quote stands on either side of it, so "1,000" or "12:30" inside a sentence is left alone.
"""
import re

from django.utils.translation import gettext as _

FULL_STOP = "。"
MOST_NAMES = 10

_HAN = r"[\u3400-\u9fff“”《》（）]"
_ASCII_MARKS = r"[,;:?!()]"
_IN_PROSE = re.compile(rf"(?<={_HAN}){_ASCII_MARKS}|{_ASCII_MARKS}(?={_HAN})")


def ascii_punctuation(text: str) -> list[str]:
    """Each ASCII mark used as Chinese punctuation, with a little context ("…目标,低于…"), for a test or a log."""
    return [text[max(0, m.start() - 4):m.end() + 4] for m in _IN_PROSE.finditer(text or "")]


def clauses(parts) -> str:
    """Clauses of one sentence, joined with the Chinese comma (", " in English; empty parts dropped)."""
    return _("，").join(p for p in parts if p)


def sentences(parts) -> str:
    """Parallel statements of one paragraph, joined with the Chinese semicolon ("; " in English)."""
    return _("；").join(p for p in parts if p)


def ending(text: str) -> str:
    """A paragraph closed with a full stop, once."""
    text = (text or "").rstrip()
    return text if not text or text.endswith((FULL_STOP, "！", "？", ".")) else text + _("。")


def names_text(names: list[str]) -> str:
    """"甲、乙、丙" — or the first ten and "等N个" for a long list, so a message naming records stays readable
    (here, not in one app: the indicator and project reminders both name what is missing)."""
    if len(names) <= MOST_NAMES:
        return "、".join(names)
    return _("%(n)s等%(c)d个") % {"n": "、".join(names[:MOST_NAMES]), "c": len(names)}
