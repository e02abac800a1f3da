"""The ledger's rules for pages that are not about one organisation (imported from IndicatorsConfig.ready);
targets and actuals of an organisation are decided by `organisations.access.can_edit_targets` and
`can_report_actuals`."""
import rules
from django.utils.translation import gettext, gettext_lazy

from luoshi.organisations.access import (
    can_edit_targets,
    can_keep_catalogue,
    is_editor,
    permission,
    visible_organisations,
)

enters_figures = rules.predicate(lambda user: bool(user is not None and user.is_authenticated and is_editor(user)),
                                 name="enters_figures")

permission("indicators.upload", enters_figures, gettext_lazy("无权上传数据"))
permission("indicators.template", enters_figures, gettext_lazy("无权下载填报模板"))
permission("indicators.keep_catalogue", rules.predicate(can_keep_catalogue, name="keeps_catalogue"),
           gettext_lazy("指标目录由市级管理员维护"))
# 目标分解 is read by whoever sees the district's own targets (its people, the city), not by a unit or an
# enterprise; it is written by who keeps the targets (`decomposition.set_part`).
permission("indicators.read_decomposition",
           rules.predicate(lambda user, district: visible_organisations(user).filter(pk=district.pk).exists(),
                           name="sees_district_targets"),
           lambda user, district: gettext("目标分解由区级人员和市级管理员查看，无权查看%(d)s的目标分解")
           % {"d": district})
permission("indicators.decompose",
           rules.predicate(lambda user, district: can_edit_targets(user, district), name="keeps_district_targets"),
           lambda user, district: gettext("无权分解%(o)s的目标") % {"o": district})
