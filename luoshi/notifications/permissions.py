"""Who may read and change a district's delivery channels (发送渠道), declared for
`luoshi.organisations.access` (imported from NotificationsConfig.ready): the district's own administrator
and the city admin, as for the district's other settings; nobody else sees that they exist."""
import rules
from django.utils.translation import gettext_lazy

from luoshi.organisations.access import can_manage_district, in_scope, permission, scope
from luoshi.organisations.models import Role

scope("notifications.deliverychannel", {Role.DISTRICT_ADMIN: in_scope("district"),
                                        Role.CITY_ADMIN: in_scope("district")})

permission("notifications.configure_channels",
           rules.predicate(lambda user, district: bool(district) and can_manage_district(user, district),
                           name="configures_district_channels"),
           gettext_lazy("只有本区的区级管理员(或市级管理员)可以查看和修改发送渠道"))
