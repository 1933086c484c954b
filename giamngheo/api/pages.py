"""URLs of the service-token pages (the API itself is mounted from giamngheo.api.urls)."""

from django.urls import path

from giamngheo.api import views

app_name = "service_tokens"
urlpatterns = [
    path("", views.service_token_list, name="list"),
    path("<int:token_id>/thu-hoi/", views.service_token_revoke, name="revoke"),
]
