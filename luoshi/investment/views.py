"""Pages of the industry chains: the overview with 链主 against the target, one chain's panorama, and
the 招商地图 of gaps. Thin: scope by for_user, reads in selectors."""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from luoshi.investment import selectors
from luoshi.investment.models import IndustryChain
from luoshi.organisations.models import Organisation


@login_required
def chains(request, org_id):
    org = get_object_or_404(Organisation.objects.for_user(request.user), pk=org_id)
    return render(request, "investment/chains.html", {
        "org": org, **selectors.chains_overview(request.user, org),
        "gaps": selectors.investment_map(request.user, None if org.parent_id is None else org)})


@login_required
def chain(request, chain_id):
    try:
        data = selectors.panorama(request.user, chain_id)
    except IndustryChain.DoesNotExist:
        raise Http404
    return render(request, "investment/chain.html", {**data, "chart": {"tree": data["tree"]}})
