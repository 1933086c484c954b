"""URLs of the plan pages."""

from django.urls import path

from giamngheo.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:plan_id>/", views.plan_detail, name="detail"),
    path("<int:plan_id>/nhiem-vu/<int:task_id>/", views.task_status, name="task_status"),
]
