"""URLs of the account pages."""

from django.urls import path

from giamngheo.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", views.LogoutView.as_view(), name="logout"),
    path("cua-toi/", views.profile, name="profile"),
    path("cua-toi/ma-truy-cap/<int:token_id>/thu-hoi/", views.token_revoke, name="token_revoke"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/them/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:user_id>/", views.user_detail, name="user_detail"),
    path("phan-cong/<int:assignment_id>/thu-hoi/", views.assignment_revoke, name="assignment_revoke"),
    path("nhat-ky/", views.audit, name="audit"),
]
