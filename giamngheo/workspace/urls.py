"""URLs of the workspace: the home page and its panels loaded after it."""

from django.urls import path

from giamngheo.workspace import views

app_name = "workspace"
urlpatterns = [
    path("", views.home, name="home"),
    path("bang/chat-luong-du-lieu/", views.quality_panel, name="quality"),
]
