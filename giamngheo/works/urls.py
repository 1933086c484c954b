"""URLs of infrastructure works and livelihood models under /cong-trinh/."""

from django.urls import path

from giamngheo.works.views import imports, livelihood, maps, works

app_name = "works"

urlpatterns = [
    path("", works.works, name="works"),
    path("danh-sach.xlsx", works.works_export, name="works_export"),
    path("them/", works.work_create_page, name="work_create"),
    path("nhap/", imports.works_import_page, name="works_import"),
    path("nhap/loi.csv", imports.works_import_errors, name="works_import_errors"),
    path("ban-do/", maps.works_map, name="map"),
    path("<int:work_id>/", works.work, name="work"),
    path("<int:work_id>/sua/", works.work_edit, name="work_edit"),
    path("<int:work_id>/tien-do/", works.work_progress, name="work_progress"),
    path("<int:work_id>/duy-tu/", works.work_maintenance, name="work_maintenance"),
    path("mo-hinh/", livelihood.models, name="models"),
    path("mo-hinh/danh-sach.xlsx", livelihood.models_export, name="models_export"),
    path("mo-hinh/them/", livelihood.model_create_page, name="model_create"),
    path("mo-hinh/<int:model_id>/", livelihood.model, name="model"),
    path("mo-hinh/<int:model_id>/sua/", livelihood.model_edit, name="model_edit"),
    path("mo-hinh/<int:model_id>/them-ho/", livelihood.participant_add_page, name="participant_add"),
    path("mo-hinh/<int:model_id>/nhap-ho/", imports.participants_import_page, name="participants_import"),
    path(
        "mo-hinh/<int:model_id>/nhap-ho/loi.csv",
        imports.participants_import_errors,
        name="participants_import_errors",
    ),
    path(
        "mo-hinh/<int:model_id>/ho-tham-gia.xlsx", livelihood.participants_export, name="participants_export"
    ),
    path("mo-hinh/<int:model_id>/danh-gia/", livelihood.model_evaluate, name="model_evaluate"),
]
