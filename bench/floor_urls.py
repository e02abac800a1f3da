"""The benchmark's URLs: the site's, and Django's floor, plain views answering JSON through the same
middleware (one without reading the user, one reading it as an authenticated API call does)."""
from django.http import JsonResponse
from django.urls import path

from luoshi.urls import urlpatterns as site


def bare(request):
    return JsonResponse({})


def user(request):
    return JsonResponse({"authenticated": request.user.is_authenticated})


urlpatterns = [path("bench/bare", bare), path("bench/user", user), *site]
