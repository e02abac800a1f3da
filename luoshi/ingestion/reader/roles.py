"""Stage 5: what a figure is — kind, role, comparator, commitment — from the words around it.

Kinds, first match wins: range ("50亿至100亿元") · share ("占全市22%") · project ("总投资90.84亿元的古荥城市
更新") · target (promised: a commitment word in scope, a later year, a target list, 不低于/不少于) · count
(an achieved number of things: 个 家 人 户 条 所 张 座) · result (any other achieved figure).
Roles: a project's 总投资 and a figure under 计划/安排 are plans; other promised figures are targets;
achieved or estimated ones (完成, 实现, 预计, 截至…月底, an event's signings) are results.
"""
import re

from luoshi.core.target_wording import comparator_around
from luoshi.core.targets import Commitment, Comparator
from luoshi.ingestion.reader.text import CLAUSE_SEP

# --- comparators: the shared whole-phrase reader (luoshi.core.target_wording), on the words around ------
_WINDOW = 6


def comparator(text: str, phrase_start: int, fig: re.Match) -> tuple[str, int]:
    """(comparator, end of the comparator words) of a figure: a range, 余/多 after it, then 左右/以上/以内
    after it, then the nearest whole phrase before it in its clause (不超过, 不低于, 达到, 控制在 …)."""
    s, e = fig.start(), fig.end()
    if fig["r_hi"]:
        return Comparator.RANGE.value, e
    if fig["more"] or fig["more2"]:
        return Comparator.AT_LEAST.value, e
    lo = max(phrase_start, s - _WINDOW)
    if lo > phrase_start and text[lo - 1] == "不":
        lo -= 1  # keep 不超过 / 不低于 whole when the window would cut them
    found, taken = comparator_around(text[lo:s], text[e:e + 4])
    return found, e + taken


# --- commitments and plans -----------------------------------------------------------------------------
# Commitment cues and how long they reach: to the end of the sentence, unless a clause opens with a new
# action ("力争A,积极推进B": 力争 covers A only). 计划/安排 mark plans; 目标/预期/拟 promises.
_CUE = re.compile(r"(?P<floor>确保)|(?P<stretch>力争|争取|力求|努力)|(?P<plan>计划|安排)|(?P<promise>目标|预期|拟)")
# 计划, 目标, 安排 as nouns or other verbs are no cue: 完成年度计划的72.3%, 完成全年目标的22.7%, 计划完成率,
# 安排部署, 工作安排.
_NOT_A_PLAN = re.compile(r"(?:计划|目标|预期)(?:完成率|的|执行)|安排部署")
_NOUN_AFTER_RESULT = re.compile(r"(?:完成|实现|超额完成|达到)(?:年度|全年|年)?(?:投资)?$")
_NEW_ACTION = re.compile(r"(?:积极|持续|加快|推进|推动|做好|深化|强化|加强|全力|大力|着力|扎实|抓好|统筹|坚持|落实|"
                         r"实施|开展|打造|建设|培育|聚焦|围绕|贯通|健全|引导|支持|鼓励|提升)")


def _is_plan_word(text: str, seg_start: int, at: int) -> bool:
    if _NOT_A_PLAN.match(text, at) or text.startswith("工作安排", max(seg_start, at - 2)):
        return False
    return not _NOUN_AFTER_RESULT.search(text[max(seg_start, at - 8):at])


def commitment(text: str, seg_start: int, pos: int) -> tuple[str, str, str | None]:
    """(commitment, cue word, "plan" / "promise" / None) from the nearest cue before `pos` that reaches it."""
    best = None
    for m in _CUE.finditer(text, seg_start, pos):
        if (m["plan"] or m["promise"]) and not _is_plan_word(text, seg_start, m.start()):
            continue
        best = m
    if best is None:
        return Commitment.NORMAL.value, "", None
    i = best.end()
    while True:
        j = min((text.find(c, i, pos) for c in CLAUSE_SEP if text.find(c, i, pos) >= 0), default=-1)
        if j < 0:
            break
        if _NEW_ACTION.match(text, j + 1) and not _CUE.match(text, j + 1):
            return Commitment.NORMAL.value, "", None
        i = j + 1
    if best["floor"]:
        return Commitment.FLOOR.value, best[0], "promise"
    if best["stretch"]:
        return Commitment.STRETCH.value, best[0], "promise"
    return Commitment.NORMAL.value, "", "plan" if best["plan"] else "promise"


# --- the sentence's own cues -------------------------------------------------------------------------
# Opens a list of the year's targets: "主要预期目标是:", "主要目标为:", "十件民生实事项目确定:", "目标任务如下:".
TARGET_LIST = re.compile(r"(?:目标|任务|指标|实事(?:项目)?)(?:确定|安排|如下|分别)?(?:为|是)?\s*[::]")
# A results paragraph: 截至…月底, 预计全年, 初步核算, 已完成.
RESULTS_CUE = re.compile(r"截至|截止|初步核算|预计全年|预计|已完成|完成了|实现了")
# An event report gives results: 集中签约/开工/竣工活动, 现场签约.
EVENT_CUE = re.compile(r"(?:集中|现场)(?:签约|开工|竣工|投产)|(?:签约|开工|竣工|投产)(?:活动|仪式)")
# Words of a sentence about the future (read with the document's date: early in the year, plans).
FUTURE_WORDS = re.compile(r"将|要|计划|力争|确保|争取|推进|推动|实施|谋划|新增|目标|预期")
RESULT_VERBS = re.compile(r"完成|实现了|已|累计|同比|创|受到|荣获|获得|获批|达到了|了")
_REQUIREMENT_WORDS = ("不低于", "不少于", "至少")  # wording of a requirement: always a target

# --- projects --------------------------------------------------------------------------------------------
# A project's money is tied to its name by 的: "总投资90.84亿元的古荥城市更新", "10亿元以上的片区综合更新项目".
_PROJECT_NAME = re.compile(r"(?:以上|左右)?的(?P<name>[^,;:、。!?\n]{2,30}?)(?=等|、|,|;|。|$|以|为|和)")
_NOT_PROJECT = re.compile(r"(?:基础|目标|任务|水平|规模|同时|情况|比重|增长|成绩|基础上)")


def project_name(text: str, pos: int, end: int) -> str | None:
    """The project a sum of money belongs to, when 的 ties them; None otherwise."""
    m = _PROJECT_NAME.match(text, pos, end)
    if not m or _NOT_PROJECT.match(m["name"]):
        return None
    return text[pos:m.end("name")]


def project_start(text: str, clause: int, fig_start: int) -> int:
    """A project's span starts at 总投资/投资/签约 right before its money, else at the money."""
    m = re.search(r"(?:计划总投资|总投资|投资|签约)$", text[clause:fig_start])
    return clause + m.start() if m else fig_start


def is_promised(*, plan_cue, year, state, before, sentence_future, sentence_past, results_sentence) -> bool:
    """Whether a figure is promised (a target or a plan) rather than achieved."""
    if state.target_list or plan_cue:
        return True
    if results_sentence:
        return False
    if year and state.doc.year and year > state.doc.year:
        return True
    if state.section == "plan" and not (year and state.section_year and year < state.section_year):
        return True
    if any(w in before for w in _REQUIREMENT_WORDS):
        return True
    return bool(year == state.doc.year and state.doc.month and state.doc.month <= 6
                and sentence_future and not sentence_past)
