"""The demo city (演示数据), built from the five seed articles in ../shared/seeds, composed of each app's
own demo module.

Every real figure carries the seed file it comes from; organisations, people and figures that the seeds
do not name are marked synthetic. Each app loads its part (`<app>/demo.py`) and registers it in its
`AppConfig.ready` (`luoshi.core.registry.site.register_demo`); `python -m luoshi load_demo` runs them
in order. This module keeps only what they share: the seed files, the marks and the demo's year.
"""
from luoshi.core.registry import site

S0, S1, S2, S3, S4 = ("000_fe62a0247c95cbc5.txt", "001_9ad7097c21d10d23.txt", "002_b7bdd805f71aa3f4.txt",
                      "003_3604f306ed372a90.txt", "004_93af1adbde38ab4e.txt")
# Each seed's title as the article prints it (004 has no headline: its opening words stand for it), so that
# pages name a source by its document, not by its file (core.sources.readable).
SEED_TITLES = {
    S0: "经开区：锚定“两区一枢纽”目标 推进“再造新经开”起势成势",
    S1: "再造新经开！郑州经开区奏响新时代高质量发展最强音",
    S2: "攻坚克难 统筹推进 2025年中原区重点做好“十项工作”",
    S3: "攀高比强作标杆 全力以赴拼经济——访荥阳市委书记杨金军",
    S4: "郑东新区召开经济工作会议",
}
SYNTHETIC = "合成"
# The source of every figure `generate-synthetic` adds (luoshi.indicators.synthetic).
GENERATED = f"{SYNTHETIC}:generate-synthetic"
# Names for the synthetic people the seeds do not name (deputies, unit staff): plausible, and marked
# synthetic as every demo login is (the profile's source is SYNTHETIC), shown as “name（post）”.
SYNTHETIC_NAMES = ("杨帆", "许志刚", "高志远", "林晓梅", "韩振华", "曹建平", "冯雪", "彭涛", "蒋丽华", "董明",
                   "袁芳", "潘磊", "田静", "任杰", "姜波", "范玲", "方宇", "石磊", "丁娟", "邓超")


def synthetic_name(index: int) -> str:
    """A synthetic person's name, the same one for the same index."""
    return SYNTHETIC_NAMES[index % len(SYNTHETIC_NAMES)]
DEMO_PASSWORD = "luoshi-demo-2026"
# The demo's year: the latest year the seeds set targets for (luoshi.indicators.demo.TARGETS; a test checks
# the two agree). The ledger, pipeline, investment and letters all open on it (core.periods.opening_year);
# seed figures stay in their own years, and the synthetic filler runs to its December (or to last month,
# if that comes first).
DEMO_YEAR = 2025
# The order in which the apps' demos load (an app's demo needs the ones before it).
ORGANISATIONS, INDICATORS, SERVICE, QUIET_DAYS, LETTERS, PROJECTS, CHAINS, WORKPLAN = 10, 20, 30, 35, 40, 50, 60, 70


def load_all(only: list[str] | None = None) -> list[str]:
    """Run every registered demo (or the named ones) in order; the lines they report."""
    return [f"{entry.name}: {entry.fn()}" for entry in site.demos() if not only or entry.name in only]
