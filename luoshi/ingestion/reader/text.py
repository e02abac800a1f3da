"""Stage 1: characters and segments. Pure functions over the text; offsets are never moved."""
import re

from luoshi.core.numerals import FULL_WIDTH

HAN = r"\u4e00-\u9fff"
CLAUSE_SEP = ",;:、"
QUOTES = "“”‘’「」『』\"'"
_HEADING_MAX = 48
# A bulleted line starts a new sentence: "- ", "• ", "(一)", "一、".
_BULLET = re.compile(r"\s*(?:[-•·●▪]\s|\(?[一二三四五六七八九十]+[)、])")
# Short quotations are names and slogans (“三个一批”, “四上”), not sentences: figures inside are no quantities.
SHORT_QUOTE = re.compile(r"[“‘「『]([^“”‘’「」『』\n]{1,16})[”’」』]")


def normalise(text: str) -> str:
    """Full-width digits and punctuation as ASCII, one character for one, so offsets stay the input's."""
    return text.translate(FULL_WIDTH)


def strip_quotes(text: str) -> str:
    return "".join(c for c in text if c not in QUOTES)


def has_noun(phrase: str) -> bool:
    return bool(re.search("[" + HAN + "]", phrase))


def segments(text: str):
    """(start, end, is_heading) for each heading line and each sentence, in order.

    A heading is a short line without sentence punctuation. A sentence may run over line breaks
    (newspaper columns break mid-sentence); it ends at 。!?; , at a heading, or before a bulleted line."""
    body_start = None
    for line in re.finditer(r"[^\n]+", text):
        s, e = line.span()
        stripped = line[0].strip()
        heading = (0 < len(stripped) <= _HEADING_MAX and not any(c in stripped for c in ",;。!?")
                   and stripped[-1:] not in "、" and stripped[0] not in CLAUSE_SEP)
        if heading or _BULLET.match(line[0]):
            if body_start is not None:
                yield from sentences(text, body_start, s)
                body_start = None
        if heading:
            yield s, e, True
            continue
        if body_start is None:
            body_start = s
    if body_start is not None:
        yield from sentences(text, body_start, len(text))


def sentences(text: str, start: int, end: int):
    s = start
    for m in re.finditer(r"[。!?;]", text[start:end]):
        e = start + m.end()
        if text[s:e].strip():
            yield s, e, False
        s = e
    if text[s:end].strip():
        yield s, end, False


def short_quotes(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SHORT_QUOTE.finditer(text) if not any(c in m[1] for c in ",;。")]


def clause_start(text: str, lo: int, pos: int, short_quote_starts: frozenset = frozenset()) -> int:
    """Where the clause holding `pos` begins: after , ; : 、 or the opening mark of a long quotation
    (“地区生产总值增长6%左右,…”的预期目标), not before `lo`. Short quotes are names inside the clause."""
    i = pos - 1
    while i >= lo and text[i] not in CLAUSE_SEP and text[i] not in "。!?" and not (
            text[i] in "“‘「『" and i not in short_quote_starts):
        i -= 1
    return i + 1
