"""URLs of the monitoring pages."""

from django.urls import path

from giamngheo.monitoring import views, views_dhis2, views_whatif

app_name = "monitoring"
urlpatterns = [
    path("chi-so/", views.indicator_list, name="indicator_list"),
    path("mo-phong-chuan/", views_whatif.whatif_page, name="whatif"),
    path("dhis2/", views_dhis2.dhis2_page, name="dhis2"),
    path("ke-hoach/<int:plan_id>/ket-qua/", views.plan_results, name="plan_results"),
    path("dot/", views.round_list, name="round_list"),
    path("dot/<int:round_id>/", views.round_detail, name="round_detail"),
    path("dot/<int:round_id>/tinh-hinh.xlsx", views.round_export, name="round_export"),
    path("bao-cao/<int:report_id>/", views.report_detail, name="report_detail"),
    path("bao-cao/<int:report_id>/<str:action>/", views.report_action, name="report_action"),
    path(
        "bao-cao/<int:report_id>/xuat.xlsx", views.report_export, {"file_format": "xlsx"}, name="report_xlsx"
    ),
    path("bao-cao/<int:report_id>/xuat.pdf", views.report_export, {"file_format": "pdf"}, name="report_pdf"),
]
