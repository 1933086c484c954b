"""URLs of the registry pages."""

from django.urls import path

from giamngheo.registry import (
    views,
    views_analyst,
    views_certificate,
    views_exports,
    views_odk,
    views_quality,
    views_survey,
)
from giamngheo.registry.annual import views as annual_views
from giamngheo.registry.imports import views as import_views

app_name = "registry"
urlpatterns = [
    path("", views.household_list, name="list"),
    path("xuat/", views_exports.household_export, name="export"),
    path("phieu-odk/", views_odk.xlsform_download, name="xlsform"),
    path("du-lieu-phan-tich/", views_analyst.analyst_download, name="analyst"),
    path("phieu-odk/nhap/", views_odk.odk_import, name="odk_import"),
    path("xuat/<int:job_id>/", views_exports.export_job, name="export_job"),
    path("xuat/<int:job_id>/tai-ve/", views_exports.export_job_download, name="export_job_download"),
    path("dang-ky/", views.register_start, name="register_start"),
    path("nhap/", import_views.upload, name="import"),
    path("nhap/mau.xlsx", import_views.template, name="import_template"),
    path("nhap/<int:batch_id>/", import_views.batch, name="import_batch"),
    path("nhap/<int:batch_id>/xac-nhan/", import_views.confirm, name="import_confirm"),
    path("nhap/<int:batch_id>/loi.xlsx", import_views.error_file, name="import_errors"),
    path("nhap/dien-san/<int:commune_id>.xlsx", import_views.prefilled, name="import_prefilled"),
    path("dang-ky/<int:commune_id>/", views.household_register, name="register"),
    path("<int:household_id>/", views.household_detail, name="household"),
    path("<int:household_id>/noi-o/", views.household_place, name="place"),
    path("<int:household_id>/phieu/", views_survey.survey, name="survey"),
    path("<int:household_id>/tach-ho/", views.household_split, name="split"),
    path("<int:household_id>/nhap-ho/", views.household_merge, name="merge"),
    path("<int:household_id>/chuyen-di/", views.household_close, name="close"),
    path("<int:household_id>/thanh-vien/them/", views.member_form, name="member_add"),
    path("<int:household_id>/thanh-vien/<int:member_id>/", views.member_form, name="member_edit"),
    path(
        "<int:household_id>/thanh-vien/<int:member_id>/ra-khoi-ho/", views.member_leave, name="member_leave"
    ),
    path("<int:household_id>/giay-chung-nhan/", views_certificate.certificate, name="certificate"),
    path("chat-luong/", views_quality.quality_page, name="quality"),
    path("phan-loai-lai/", annual_views.annual_runs, name="annual_runs"),
    path("phan-loai-lai/<int:run_id>/", annual_views.annual_run, name="annual_run"),
]
