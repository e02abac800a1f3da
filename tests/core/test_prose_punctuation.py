"""Chinese messages use Chinese punctuation (，；：（）), not ASCII ",;:()".

zh-hans is the source language, so the gettext strings in the code are what a Chinese user reads. ASCII
punctuation next to a Chinese character is flagged; format placeholders (%(name)s, %s, {name}), URLs and
ASCII between non-Chinese characters (1,000, 12:30, code) are left alone.

Not yet covered: strings frozen into migrations (model verbose names, help texts, choices: changing them needs
a migration) and short labels of the form 名称(单位) such as "完成率(%)" or "总投资(亿元)", which are mostly
those same field labels again and Excel column headers read back from uploaded files.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "luoshi"
GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
# Chinese characters, CJK and fullwidth punctuation, and the Chinese quotation marks and dash.
CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”—]")
LABEL = re.compile(r"(?:[^,;:()]+\([^,;:()]*\))+[^,;:()]*")
PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]|%[sdif%]|\{[^{}]*\}|https?://\S+")


def ascii_punctuation_in_chinese(text: str) -> list[int]:
    """Positions of ASCII , ; : ( ) that touch a Chinese character (spaces between do not count), and of
    brackets around Chinese text."""
    masked = PLACEHOLDER.sub(lambda m: "\x00" * len(m.group()), text)
    partner, opened = {}, []
    for i, char in enumerate(masked):
        if char == "(":
            opened.append(i)
        elif char == ")" and opened:
            j = opened.pop()
            partner[i], partner[j] = j, i
    found = []
    for i, char in enumerate(masked):
        if char not in ",;:()":
            continue
        before = masked[:i].rstrip(" ")[-1:]
        after = masked[i + 1:].lstrip(" ")[:1]
        inside = masked[min(i, partner.get(i, i)):max(i, partner.get(i, i))]
        between_placeholders = before == after == "\x00" and char in ",;:" and CHINESE.search(masked)
        if CHINESE.match(before) or CHINESE.match(after) or CHINESE.search(inside) or between_placeholders:
            found.append(i)
    return found


def is_label(text: str) -> bool:
    """A short column or field label with its unit in brackets, e.g. "完成率(%)", "%(l)s(%(n)d个)"."""
    return len(text) <= 40 and LABEL.fullmatch(PLACEHOLDER.sub(lambda m: "\x00" * len(m.group()), text)) is not None


def _strings(tree: ast.AST):
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if name not in GETTEXT:
            continue
        args = node.args[1:] if name.startswith("pgettext") else node.args
        for arg in args[:2]:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield arg.lineno, arg.value


def _migration_strings() -> set[str]:
    frozen = set()
    for path in ROOT.glob("**/migrations/*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                frozen.add(node.value)
    return frozen


def gettext_messages():
    for path in sorted(ROOT.glob("**/*.py")):
        if "migrations" in path.parts:
            continue
        for lineno, text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            yield f"{path.relative_to(ROOT.parent)}:{lineno}", text


def test_the_checker_flags_ascii_punctuation_beside_chinese_and_spares_placeholders_and_numbers():
    assert ascii_punctuation_in_chinese("未能办理:原因(见下)") == [4, 7, 10]
    assert ascii_punctuation_in_chinese("任务已销号,无需督办") == [5]
    assert ascii_punctuation_in_chinese("%(r)s(%(d)d个)") == [5, 12]
    assert ascii_punctuation_in_chinese("举报：%(e)s,%(d)s") == [8]
    assert ascii_punctuation_in_chinese("%(field)s：必须在%(lo)d—%(hi)d年之间（收到%(v)s）") == []
    assert is_label("完成率(%)") and is_label("%(l)s(%(n)d个)") and not is_label("已销号,无需督办(见下)")
    assert ascii_punctuation_in_chinese("共1,000个，12:30开始，见 https://example.com/a,b") == []


def test_chinese_messages_in_the_code_use_chinese_punctuation():
    frozen = _migration_strings()
    offenders = [f"{where}: {text}" for where, text in gettext_messages()
                 if text not in frozen and not is_label(text) and ascii_punctuation_in_chinese(text)]
    assert offenders == [], f"{len(offenders)} messages with ASCII punctuation:\n" + "\n".join(offenders)
