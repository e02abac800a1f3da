from django.urls import path

from luoshi.organisations import accounts, views

app_name = "organisations"
urlpatterns = [
    path("password/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/", accounts.accounts, name="accounts"),
    path("accounts/<int:user_id>/password/", accounts.reset_password, name="reset_password"),
    path("district/<int:org_id>/register/", views.register, name="register"),
    path("district/<int:org_id>/settings/", views.district_settings, name="settings"),
    path("district/<int:org_id>/register/template.xlsx", views.register_template, name="register_template"),
    path("district/<int:org_id>/register/upload/", views.register_upload, name="register_upload"),
    path("district/<int:org_id>/units/<int:unit_id>/", views.unit_edit, name="unit_edit"),
    path("district/<int:org_id>/people/<int:profile_id>/", views.person_edit, name="person_edit"),
    path("district/<int:org_id>/enterprises/", views.enterprises, name="enterprises"),
    path("district/<int:org_id>/enterprises/template.xlsx", views.enterprises_template, name="enterprises_template"),
    path("district/<int:org_id>/enterprises/upload/", views.enterprises_upload, name="enterprises_upload"),
]
