"""Stage 4: which catalogue indicator a phrase names, by its name or an alias (longest wins)."""
import re

from luoshi.core.catalogue import CORE_INDICATORS
from luoshi.core.targets import Measure
from luoshi.ingestion.reader.text import HAN, strip_quotes

# After a catalogue name, what may follow in the phrase: nothing, a verb or a comparator. Anything else
# makes it part of a longer noun ("规上工业总产值" is not "规上工业").
_NAME_MAY_END = re.compile(r"$|[^" + HAN + r"]|完成|增长|同比|达|突破|超|实现|为|累计|由|到|至|下降|减少|降低|回落|"
                                           r"增速|提升|增加|"
                           r"提高|不低于|不少于|不超过|不高于|控制|在|占|开行|年开行|计划|预计|各|约|近|新增|总额|保持|"
                           r"分别|上涨|涨幅|稳定|力争|确保|争取|低于|高于|少于|多于|至少|超过|逾|控制在")
# Before a catalogue name, words that make it another measure: 合同利用外资 is not 实际利用外资; 城镇/农村/
# 城乡居民人均可支配收入 are parts of 居民人均可支配收入.
_NARROWED_BY = re.compile(r"(?:合同|协议|城镇|农村|城乡)$")
_PARENS = re.compile(r"\([^()]{0,20}\)")


class IndicatorMatcher:
    """Finds the catalogue indicator a phrase names. Rows are (code, name, aliases[, measure])."""

    def __init__(self, indicators=None):
        rows = indicators if indicators is not None else \
            [(c, n, a, m) for c, n, a, _u, _c, _f, _d, m in CORE_INDICATORS]
        entries, self.rates = {}, set()
        for code, name, aliases, *rest in rows:
            if rest and rest[0] == Measure.RATE:
                self.rates.add(code)
            for word in [name, *re.split(r"[、,,;;\s]+", aliases or "")]:
                word = strip_quotes(word)
                if len(word) >= 2:
                    entries.setdefault(word, code)
        self._codes = entries
        words = sorted(entries, key=len, reverse=True)
        self._pattern = re.compile("|".join(map(re.escape, words))) if words else None

    def match(self, phrase: str) -> str | None:
        if not self._pattern or not phrase:
            return None
        text = strip_quotes(_PARENS.sub("", phrase))
        best = None
        for pos in range(len(text)):
            m = self._pattern.match(text, pos)
            if (m and _NAME_MAY_END.match(text, m.end()) and not _NARROWED_BY.search(text, 0, pos)
                    and (best is None or len(m[0]) > len(best))):
                best = m[0]
        return self._codes[best] if best else None

    def is_rate(self, code: str | None) -> bool:
        """A rate indicator (失业率, 涨幅, 覆盖率, 比重): its percentage is its value, never a growth."""
        return code in self.rates


_DEFAULT = None


def default_matcher() -> IndicatorMatcher:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = IndicatorMatcher()
    return _DEFAULT
