"""The reading rules one by one: kinds, numerals, units, comparators, commitment, organisation, year,
indicator, spans. No database."""
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from luoshi.ingestion.extract import IndicatorMatcher, detect_date, extract, organisation_key

D = dt.date(2024, 12, 27)


def one(text, **kw):
    found = extract(text, date=kw.pop("date", D), **kw)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def test_spans_index_the_original_text():
    text = "惠济区:\n明年地区生产总值增长6%左右,固定资产投资增长8%。"
    for f in extract(text, date=D):
        assert text[f.start:f.end] == f.text
        assert f.start <= f.figure_start < f.figure_end <= f.end


def test_full_width_digits_keep_offsets():
    text = "明年地区生产总值增长６％左右。"
    f = one(text)
    assert (f.value, f.unit, f.comparator) == (Decimal(6), "%", "about")
    assert text[f.figure_start:f.figure_end] == "６％"


# --- kinds ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, value, unit", [
    ("明年地区生产总值增长6%左右。", "target", "6", "%"),
    ("力争全年新签约项目不少于60个。", "target", "60", "个"),
    ("力争2025年收储土地不低于1100亩。", "target", "1100", "亩"),
    ("2024年全区地区生产总值完成1328.4亿元。", "result", "1328.4", "亿元"),
    ("2024年新签约项目38个。", "count", "38", "个"),
    ("总投资90.84亿元的古荥城市更新加快建设。", "project", "90.84", "亿元"),
    ("实际利用外资占全市22%。", "share", "22", "%"),
    ("规上工业增加值占全市1/4。", "share", "25", "%"),
])
def test_kinds(text, kind, value, unit):
    f = one(text)
    assert (f.kind, f.value, f.unit) == (kind, Decimal(value), unit)


def test_range_keeps_both_ends():
    f = one("明年招引50亿至100亿元项目。")
    assert (f.kind, f.value, f.value_high, f.unit) == ("range", Decimal(50), Decimal(100), "亿元")


def test_result_level_and_growth_share_the_indicator():
    level, growth = extract("2023年全年地区生产总值完成1328.4亿元,同比增长8.2%。", date=D)
    assert (level.is_growth, growth.is_growth) == (False, True)
    assert level.indicator_code == growth.indicator_code == "gdp"
    assert growth.value == Decimal("8.2")


def test_decline_is_a_negative_growth():
    f = one("2024年规上工业增加值下降2.5%。")
    assert (f.value, f.is_growth, f.indicator_code) == (Decimal("-2.5"), True, "industrial_va")


def test_level_percentage_is_not_growth():
    f = one("明年规上工业企业研发活动覆盖率突破70%。")
    assert (f.kind, f.is_growth, f.comparator, f.indicator_code) == ("target", False, "at_least", "rd_coverage")


# --- numerals and units -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit", [
    ("2024年整车生产56.5万辆。", "565000", "辆"),
    ("2024年新增城镇就业1.2万人。", "12000", "人"),
    ("2024年实际利用外资1.2亿美元。", "12000", "万美元"),
    ("2024年实际利用外资4741万美元。", "4741", "万美元"),
    ("2024年建成安置房5000平方米。", "0.5", "万平方米"),
    ("2024年中欧班列开行120列。", "120", "班"),
    ("2024年新增市场主体1500户。", "1500", "户"),
    ("2024年引进人才300名。", "300", "人"),
    ("2024年新增“四上”企业三十八家。", "38", "家"),
    ("2024年收储土地一千一百亩。", "1100", "亩"),
    ("2024年数字企业3600余家。", "3600", "家"),
])
def test_units_are_normalised(text, value, unit):
    f = one(text)
    assert (f.value, f.unit) == (Decimal(value), unit)


def test_tenths_are_a_share():
    f = one("2024年实际利用外资占全市的两成。")
    assert (f.kind, f.value, f.unit) == ("share", Decimal(20), "%")


@pytest.mark.parametrize("text", [
    "在348个科技城中列第19名。",             # 第19名 is a rank (348个 is the only figure)
    "落实“3大片区8个单元N个项目”思路,推进348个项目。",  # names in short quotes
    "奋力再造一个新经开,推进348个项目。",       # the article 一个
    "重点在四个方面发力,推进348个项目。",       # the text's own parts
    "用两个月时间推进348个项目。",             # a duration
    "其中10亿元以上项目348个。",               # a class of projects, not an amount
    "郑州市第三人民医院推进348个项目。",        # 三人 of 三人民医院
])
def test_not_quantities(text):
    assert [f.value for f in extract(text, date=D)] == [Decimal(348)]


# --- comparator and commitment -----------------------------------------------------------------------

@pytest.mark.parametrize("text, comparator", [
    ("明年固定资产投资增长8%左右。", "about"),
    ("明年固定资产投资增长8%以上。", "at_least"),
    ("明年签约总额不低于450亿元。", "at_least"),
    ("明年新签约项目不少于60个。", "at_least"),
    ("明年签约总额突破1000亿元。", "at_least"),
    ("明年投资额达到400亿元。", "at_least"),
    ("明年固定资产投资增长8%。", "plain"),
    ("2024年数字经济规模近1000亿元。", "about"),
])
def test_comparators(text, comparator):
    assert one(text).comparator == comparator


@pytest.mark.parametrize("text, commitment", [
    ("明年力争固定资产投资增长8%。", "stretch"),
    ("明年确保固定资产投资增长8%。", "floor"),
    ("明年争取开行100列以上。", "stretch"),
    ("明年固定资产投资增长8%。", "normal"),
])
def test_commitment(text, commitment):
    assert one(text).commitment == commitment


def test_commitment_reaches_the_list_but_not_a_new_action():
    found = extract("力争新增高新技术企业30家、新增科技型中小企业180家,积极推进付庄等25个项目建设。", date=D)
    assert [f.commitment for f in found] == ["stretch", "stretch", "normal"]


def test_wording_keeps_the_cue_for_set_target():
    found = extract("确保全年新签约项目不少于60个、投资额达到400亿元。", date=D)
    assert [f.wording for f in found] == ["确保全年新签约项目不少于60个", "确保投资额达到400亿元"]


# --- organisation ------------------------------------------------------------------------------------

def test_organisation_from_headings_and_subjects_carried_forward():
    text = ("惠济区:\n明年地区生产总值增长6%左右。\n——访荥阳市委书记杨金军\n荥阳市将认真贯彻落实郑州市委全会精神。"
            "力争新增高新技术企业30家。\n——访市工信局党组书记、局长王智明\n确保全年工业投资增长30%。")
    assert [f.organisation for f in extract(text, date=dt.date(2023, 7, 1))] == ["惠济区", "荥阳市", "市工信局"]


def test_default_organisation_until_the_text_names_one():
    assert one("明年固定资产投资增长8%。", organisation="中原区").organisation == "中原区"


def test_place_like_words_are_not_organisations():
    text = "惠济区:\n推进片区建设,全区上下、园区和城市更新。明年固定资产投资增长8%。"
    assert one(text).organisation == "惠济区"


def test_organisation_key_drops_the_city():
    assert organisation_key("郑州经开区") == "经开区"
    assert organisation_key("郑州市工信局") == "市工信局"
    assert organisation_key("惠济区") == "惠济区"


# --- year --------------------------------------------------------------------------------------------

def test_relative_years_against_the_article_date():
    text = "明年固定资产投资增长8%。今年整车出口16.9万辆。去年整车生产56.5万辆。"
    assert [f.year for f in extract(text, date=D)] == [2025, 2024, 2023]


def test_full_year_is_the_year_being_spoken_of():
    text = "展望明年经济工作,地区生产总值增长6%。力争全年新签约项目签约总额不低于450亿元。"
    assert [f.year for f in extract(text, date=D)] == [2025, 2025]


def test_heading_year_and_from_to_pairs():
    text = ("2023年成绩单\n全年地区生产总值完成1328.4亿元。\n"
            "全区地区生产总值由2013年的305.6亿元提升至2023年的1328.4亿元,占全市比重由5%提升至9.8%。")
    assert [f.year for f in extract(text, date=dt.date(2024, 2, 28))] == [2023, 2013, 2023, 2013, 2023]


def test_period_month_of_results():
    f = extract("2024年前三季度,生产总值完成241.8亿元;新增“四上”企业158家。", date=D)
    assert [(x.year, x.month) for x in f] == [(2024, 9), (2024, 9)]


@pytest.mark.parametrize("text, expected", [
    ("2024年12月30日,会议召开。", (2024, 12, 30)),
    ("12月27日,会议总结2024年工作。", (2024, 12, 27)),
    ("2月28日,会议总结2023年工作,安排部署2024年重点工作。", (2024, 2, 28)),
    ("近日,会议指出,2023年以来各项事业协调发展。", (2023, None, None)),
    ("2023年底,力争新增高新技术企业30家,以2025年花博会为抓手。", (2023, None, None)),
])
def test_detect_date(text, expected):
    d = detect_date(text)
    assert (d.year, d.month, d.day) == expected


# --- indicators --------------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, code", [
    ("社消零", "retail_sales"), ("社会消费品零售总额", "retail_sales"), ("规模以上工业增加值", "industrial_va"),
    ("规上工业增加值", "industrial_va"), ("中欧班列(郑州)开行量", "china_europe_trains"),
    ("新增“四上”企业", "new_four_above"), ("规上工业总产值", None), ("签约总额", None),
])
def test_catalogue_names_and_aliases(phrase, code):
    assert IndicatorMatcher().match(phrase) == code


def test_custom_catalogue():
    matcher = IndicatorMatcher([("gdp", "地区生产总值", "GDP"), ("jobs", "新增城镇就业", "")])
    assert one("2024年新增城镇就业2万人。", matcher=matcher).indicator_code == "jobs"


def test_unmatched_indicator_keeps_the_phrase():
    f = one("2024年签约总额965亿元。")
    assert f.indicator_code is None and f.indicator_phrase == "签约总额"


# --- a report the rules were not written from ---------------------------------------------------------

def test_unseen_report():
    """A district work report written for this test in the usual style (not one of the seeds)."""
    text = (Path(__file__).parent / "unseen_report.txt").read_text(encoding="utf-8")
    found = extract(text)
    got = [(f.kind, f.year, format(f.value, "f"), f.unit) for f in found]
    assert ("result", 2024, "1580", "亿元") in got
    assert ("count", 2024, "320", "家") in got           # 三百二十家
    assert ("result", 2024, "12000.0", "万美元") in got  # 1.2亿美元
    assert ("share", 2024, "20", "%") in got             # 占全市的两成
    assert [g for g in got if g[0] == "target" and g[3] == "%"] == [
        ("target", 2025, v, "%") for v in ("6", "7", "5", "6.5", "3")]
    assert ("target", 2025, "1200", "亩") in got         # 一千二百亩
    assert ("project", 2025, "120", "亿元") in got
    assert ("range", 2025, "30", "亿元") in got
    assert not any(f.value == 10 and f.unit == "亿元" for f in found)  # 10亿元以上项目 is a class
    assert {f.organisation for f in found} == {"金水区"}
    assert len(found) == 30
