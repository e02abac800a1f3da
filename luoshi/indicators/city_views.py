"""The city's page (for city users): its districts side by side on the key indicators, one indicator's
ranking, and the city's own units. It lived in organisations; it reads the ledger, so it is the ledger's."""
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from luoshi.core.views import year_param
from luoshi.indicators.city import city_matrix
from luoshi.indicators.models import Indicator
from luoshi.indicators.ranking import ranking
from luoshi.indicators.selectors import latest_period
from luoshi.organisations.access import can_manage_district_of_city
from luoshi.organisations.models import Organisation, OrgKind
from luoshi.organisations.selectors import districts_of


@login_required
def city(request, org_id):
    city = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id, kind=OrgKind.CITY)
    indicators = list(Indicator.objects.filter(is_active=True))
    chosen = next((i for i in indicators if str(i.pk) == request.GET.get("indicator")), None) \
        or next((i for i in indicators if i.code == "gdp"), indicators[0] if indicators else None)
    period = latest_period(chosen, city) if chosen else None
    year = year_param(request, default=period.year if period else None)
    return render(request, "indicators/city.html", {
        "city": city, "districts": districts_of(city, request.user), "year": year,
        "matrix": city_matrix(city, year, request.user), "can_manage": can_manage_district_of_city(request.user, city),
        "units": Organisation.objects.for_user(request.user).filter(parent=city).exclude(
            pk__in=districts_of(city, request.user).values("pk")),
        "indicators": indicators, "chosen": chosen, "period": period,
        "ranking": ranking(city.pk, chosen.pk, period) if period else [],
    })
