"""The JSON API (django-ninja), OpenAPI at /api/docs; each app adds its router here.

Authentication is the page session (with CSRF on writes), so the API sees exactly what the pages see.
"""
from ninja import NinjaAPI
from ninja.security import django_auth

from luoshi.indicators.api import router as indicators_router
from luoshi.organisations.api import router as organisations_router

api = NinjaAPI(title="Luoshi 落实 API", version="1", auth=django_auth, urls_namespace="api")
api.add_router("/organisations", organisations_router)
api.add_router("/indicators", indicators_router)
