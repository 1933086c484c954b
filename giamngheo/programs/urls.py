"""URLs of the plan pages."""

from django.urls import path

from giamngheo.programs import entry_views, import_views, views

app_name = "programs"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/nhiem-vu/<int:task_id>/", views.task_status, name="task_status"),
]

# Entering a plan on screen and from Excel.
urlpatterns += [
    path("tao/", entry_views.plan_create, name="create"),
    path("mau-nhap-ke-hoach.xlsx", import_views.template_download, name="import_template"),
    path("<int:plan_id>/sua/", entry_views.plan_edit, name="edit"),
    path("<int:plan_id>/sua/chi-tieu/", entry_views.plan_targets, name="edit_targets"),
    path("<int:plan_id>/sua/phan-bo/", entry_views.plan_allocation, name="edit_allocation"),
    path("<int:plan_id>/sua/kinh-phi/", entry_views.plan_budget, name="edit_budget"),
    path("<int:plan_id>/sua/nhiem-vu/", entry_views.plan_tasks, name="edit_tasks"),
    path("<int:plan_id>/sua/lich-bao-cao/", entry_views.plan_calendar, name="edit_calendar"),
    path("<int:plan_id>/nhap-excel/", import_views.plan_import, name="import"),
]
