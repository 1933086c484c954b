"""URLs of the registry pages."""

from django.urls import path

from giamngheo.registry import views

app_name = "registry"
urlpatterns = [
    path("", views.household_list, name="list"),
    path("dang-ky/", views.register_start, name="register_start"),
    path("dang-ky/<int:commune_id>/", views.household_register, name="register"),
    path("<int:household_id>/", views.household_detail, name="household"),
    path("<int:household_id>/noi-o/", views.household_place, name="place"),
    path("<int:household_id>/phieu/", views.survey, name="survey"),
    path("<int:household_id>/thanh-vien/them/", views.member_form, name="member_add"),
    path("<int:household_id>/thanh-vien/<int:member_id>/", views.member_form, name="member_edit"),
    path(
        "<int:household_id>/thanh-vien/<int:member_id>/ra-khoi-ho/", views.member_leave, name="member_leave"
    ),
]
