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
SYNTHETIC = "合成"
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
