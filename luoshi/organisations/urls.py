from django.urls import path

from luoshi.organisations import accounts, views

app_name = "organisations"
urlpatterns = [
    path("city/<int:org_id>/", views.city, name="city"),
    path("password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/", accounts.accounts, name="accounts"),
    path("accounts/<int:user_id>/password/", accounts.reset_password, name="reset_password"),
]
