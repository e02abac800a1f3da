"""Policy funding (政策性资金争取): per project whether it is entered in the 国家重大项目库, its 资金需求 (亿元),
the channel (中央预算内, 专项债, 专项借款, 其他) and the application's state are facts of the project (edited
with the others); this module adds them up the way a district reports them: "录入国家重大项目库储备项目
152个,总投资470.85亿元,资金需求171.09亿元", then by channel and by state."""
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _

from luoshi.core.units import fmt
from luoshi.projects.models import FundingChannel, FundingState, Project, Stage

ZERO = Decimal(0)


@dataclass
class FundingRow:
    label: str
    count: int
    total: Decimal
    demand: Decimal


def _rows(projects, column: str, choices) -> list[FundingRow]:
    sums = {r[column]: r for r in projects.values(column).annotate(
        n=models.Count("pk"), total=models.Sum("total_investment"), demand=models.Sum("funding_demand")).order_by()}
    labels = [*choices.choices, ("", _("未填"))]
    return [FundingRow(str(shown), sums[code]["n"], sums[code]["total"] or ZERO, sums[code]["demand"] or ZERO)
            for code, shown in labels if code in sums]


def summary(user, district) -> dict:
    """The district's projects in the national library (not terminated): count, total investment and
    funding needed, then by channel and by application state, and the sentence."""
    entered = (Project.objects.for_user(user).filter(organisation=district, in_national_library=True)
               .exclude(stage=Stage.TERMINATED))
    total = entered.aggregate(n=models.Count("pk"), total=models.Sum("total_investment"),
                              demand=models.Sum("funding_demand"))
    whole = FundingRow(_("合计"), total["n"], total["total"] or ZERO, total["demand"] or ZERO)
    channels, states = _rows(entered, "funding_channel", FundingChannel), _rows(entered, "funding_state", FundingState)
    return {"total": whole, "channels": channels, "states": states, "sentence": sentence(whole, channels)}


def sentence(whole: FundingRow, channels: list[FundingRow]) -> str:
    """“录入国家重大项目库储备项目152个,总投资470.85亿元,资金需求171.09亿元。其中专项债…” (empty: none entered)."""
    if not whole.count:
        return ""
    text = _("录入国家重大项目库储备项目%(n)d个，总投资%(t)s亿元，资金需求%(d)s亿元") % {
        "n": whole.count, "t": fmt(whole.total, places=2), "d": fmt(whole.demand, places=2)}
    parts = [_("%(c)s%(n)d个、资金需求%(d)s亿元") % {"c": row.label, "n": row.count, "d": fmt(row.demand, places=2)}
             for row in channels if row.label != _("未填")]
    return text + (_("，其中%(p)s。") % {"p": ";".join(parts)} if parts else "。")
