"""URLs of the activity registers under /hoat-dong/: list, export, create, detail and edit of each."""

from django.urls import path

from giamngheo.activities.registers import REGISTERS
from giamngheo.activities.views import imports, oversight, registers, training

app_name = "activities"

urlpatterns = [
    path("", oversight.overview, name="overview"),
    path("truyen-thong/nhap/", imports.communication_import_page, name="communication_import"),
    path("tap-huan/<int:pk>/hoc-vien/", training.attendance_add, name="attendance_add"),
    path("tap-huan/<int:pk>/nhap-hoc-vien/", imports.attendee_import_page, name="attendee_import"),
    path("can-bo/tu-tai-khoan/", training.officers_add_from_users, name="officers_from_users"),
    path("kiem-tra/<int:pk>/kien-nghi/", oversight.recommendation_create, name="recommendation_add"),
    path("kien-nghi/<int:recommendation_id>/theo-doi/", oversight.follow_up, name="follow_up"),
    path("kien-nghi.xlsx", oversight.recommendations_export, name="recommendations_export"),
]

for key, register in REGISTERS.items():
    urlpatterns += [
        path(f"{register.slug}/", registers.register_list, {"key": key}, name=f"{key}_list"),
        path(f"{register.slug}.xlsx", registers.register_export, {"key": key, "file_format": "xlsx"},
             name=f"{key}_export"),
        path(f"{register.slug}.csv", registers.register_export, {"key": key, "file_format": "csv"},
             name=f"{key}_export_csv"),
        path(f"{register.slug}/them/", registers.register_create, {"key": key}, name=f"{key}_create"),
        path(f"{register.slug}/<int:pk>/", registers.register_detail, {"key": key}, name=f"{key}_detail"),
        path(f"{register.slug}/<int:pk>/sua/", registers.register_edit, {"key": key}, name=f"{key}_edit"),
    ]  # fmt: skip
