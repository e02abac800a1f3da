"""The ledger's rules for pages that are not about one organisation (imported from IndicatorsConfig.ready);
targets and actuals of an organisation are decided by `organisations.access.can_edit_targets` and
`can_report_actuals`."""
import rules
from django.utils.translation import gettext_lazy

from luoshi.organisations.access import can_keep_catalogue, is_editor, permission

enters_figures = rules.predicate(lambda user: bool(user is not None and user.is_authenticated and is_editor(user)),
                                 name="enters_figures")

permission("indicators.upload", enters_figures, gettext_lazy("无权上传数据"))
permission("indicators.template", enters_figures, gettext_lazy("无权下载填报模板"))
permission("indicators.keep_catalogue", rules.predicate(can_keep_catalogue, name="keeps_catalogue"),
           gettext_lazy("指标目录由市级管理员维护"))
