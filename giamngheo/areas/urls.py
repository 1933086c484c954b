"""URLs of the area pages: area switcher, unit search, unit pages."""

from django.urls import path

from giamngheo.areas import views

app_name = "areas"
urlpatterns = [
    path("dia-ban/chuyen/", views.switch_area, name="switch_area"),
    path("don-vi/tim/", views.unit_search, name="search"),
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit"),
    path("don-vi/<int:unit_id>/them-thon/", views.village_create, name="village_create"),
    path("don-vi/<int:unit_id>/ket-thuc/", views.village_close, name="village_close"),
    path("don-vi/<int:unit_id>/thuoc-tinh/", views.attribute_set, name="attribute_set"),
    path("don-vi/<int:unit_id>/xuat.xlsx", views.unit_export, {"file_format": "xlsx"}, name="export_xlsx"),
    path("don-vi/<int:unit_id>/xuat.csv", views.unit_export, {"file_format": "csv"}, name="export_csv"),
]
