"""URLs of the plan pages."""

from django.urls import path

from giamngheo.programs.views import allocation, entry, execution, imports, plans

app_name = "programs"
urlpatterns = [
    path("", plans.plan_list, name="list"),
    path("<int:plan_id>/", plans.plan_detail, name="detail"),
    path("<int:plan_id>/nhiem-vu/<int:task_id>/", plans.task_status, name="task_status"),
    path("<int:plan_id>/kinh-phi/", execution.plan_budget_execution, name="budget"),
    path(
        "<int:plan_id>/kinh-phi/theo-ky.xlsx", execution.plan_budget_periods_xlsx, name="budget_periods_xlsx"
    ),
    path("nhiem-vu-cua-toi/", execution.my_tasks, name="my_tasks"),
    path("co-quan/", execution.agency_list, name="agencies"),
    path("co-quan/<int:agency_id>/", execution.agency_detail, name="agency"),
]

# Entering a plan on screen and from Excel.
urlpatterns += [
    path("tao/", entry.plan_create, name="create"),
    path("mau-nhap-ke-hoach.xlsx", imports.template_download, name="import_template"),
    path("<int:plan_id>/sua/", entry.plan_edit, name="edit"),
    path("<int:plan_id>/sua/chi-tieu/", entry.plan_targets, name="edit_targets"),
    path("<int:plan_id>/sua/phan-bo/", allocation.plan_allocation, name="edit_allocation"),
    path("<int:plan_id>/sua/kinh-phi/", entry.plan_budget, name="edit_budget"),
    path("<int:plan_id>/sua/nhiem-vu/", entry.plan_tasks, name="edit_tasks"),
    path("<int:plan_id>/sua/lich-bao-cao/", entry.plan_calendar, name="edit_calendar"),
    path("<int:plan_id>/nhap-excel/", imports.plan_import, name="import"),
]
