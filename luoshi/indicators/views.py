from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def home(request):
    return HttpResponse("ok")


@login_required
def overview(request, org_id):
    return HttpResponse("ok")
