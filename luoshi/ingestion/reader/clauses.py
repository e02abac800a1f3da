"""Stage 5a: the words of one figure's clause — what says the figure is a change, a share or a count's
noun, and what is trimmed from the indicator phrase before it. `luoshi.ingestion.extract` reads each
figure's clause with these; `roles` then says what the figure is.

Each list names the general form it serves (with a sample of that form); none exists for one sentence.
"""
import re

# Form "<measure><change verb><percentage>": a change verb right before a percentage makes it a rate of
# change ("增长8.2%", "下降3%"); followed by 至/到 it gives a level instead ("提升至65%").
GROWTH = re.compile(r"(?:增长|增速|增幅|提高|提升|上升|上涨|下降|减少|降低|回落)(?!至|到)")

# Form "<part>占<whole>(的)比重/占比<percentage>": the share words; 占 as the first character of a
# word that is not "to make up" (占地, 占用, 占有, 占据, 占领) does not count.
SHARE = re.compile(r"占比|比重|占(?!地|用|有|据|领)")

# Form "<count><noun>": the noun after a count, up to a clause mark, a number, a joining word or a verb
# that starts the next statement ("40家高新技术企业", "8个重点项目顺利开工" → 重点项目).
AFTER_NOUN = re.compile(r"(?!以上|左右|的)(?:(?!增加|提升|提高|受到|同时|加快|顺利|建成|开工|落地|实质|申报|交付|"
                        r"货币化|为|被|获|"
                        r"实现|到|至)[^,;:、。!?\s\d等和及])"r"{1,20}")

# Form "<time/scope/cue words><measure>": words trimmed from the front of an indicator phrase (they stay
# in the span and the wording) — time (全年, 2025年底, 前三季度), scope (全区, 全市), cue (力争, 确保, 预计)
# and list words (其中, 分别, 重点).
LEAD = re.compile(r"^(?:\s|[-•·●▪]|其中|全年|今年|明年|年度|年内|全区|全市|全县|全省|力争|确保|争取|计划|共|实现|重点|"
                  r"继续|预计|"
                  r"在|到|由|分别|\d{4}年(?:底|末)?|前三季度|上半年|一季度)+")

# Form "<measure><verb or comparator><figure>": the verbs and comparators that join a measure to its
# figure, trimmed from the end of the phrase ("地区生产总值增长" → 地区生产总值, "税收收入达到" → 税收收入,
# "能耗控制在" → 能耗).
TAIL = re.compile(r"(?:力争|确保|争取|力求|完成|实现|达到|达|突破|超过|超|逾|增长|下降|减少|降低|回落|上涨|上升|同比|"
                  r"为|是|至|由|提升至|提升到|"
                  r"增加到|增加至|提高到|不低于|不少于|不超过|不高于|控制在|至少|高于|低于|在|约|近|接近|累计|年开行|"
                  r"开行|各|等|分别|"
                  r"稳定在|保持在)+$")

# Form "<figure>和/及/与<figure>": figures joined by a conjunction alone share the first's words
# ("分别达到38650元和16420元").
JOINED = re.compile(r"\s*(?:和|及|与|以及)\s*")

# Form "<scope>占<whole>比重": what is left of a share phrase once these are removed tells whether the
# phrase names a measure of its own or refers to the measure before it ("占全市比重" → the one before).
SHARE_FILLER = re.compile(r"全市|全省|全国|占比?|比重|的|由")

# Form "<low>至<high><count unit><noun>": a range ending in one of these count units is a count of things,
# so the noun after it names the measure ("3至5个重点项目").
COUNTED_THINGS = "个家人户条所张座辆班列项名台"

# Form "<measure>增长与经济增长基本同步": the growth word at the end of a relative target's phrase, so the
# phrase names the measure ("居民人均可支配收入增长" → 居民人均可支配收入).
RELATIVE_TAIL = re.compile(r"(?:增长|增速|收入增长)$")

# Money units: a sum of money after a project's name makes the figure a project's investment.
MONEY_UNITS = ("亿元", "万元", "元", "万美元")


def phrase(before: str) -> str:
    """The indicator phrase of a clause: the words before the figure without lead and tail words."""
    return TAIL.sub("", LEAD.sub("", before.strip()))
