"""URLs of the review pages."""

from django.urls import path

from giamngheo.reviews import views, views_decision

app_name = "reviews"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("<int:campaign_id>/", views.campaign_detail, name="campaign"),
    path("<int:campaign_id>/ket-thuc/", views.campaign_close, name="close"),
    path(
        "<int:campaign_id>/bao-cao-xa/<int:submission_id>/", views.submission_review, name="submission_review"
    ),
    path(
        "<int:campaign_id>/bao-cao-xa/<int:submission_id>/y-kien-huyen/",
        views.submission_district,
        name="submission_district",
    ),
    path("<int:campaign_id>/xa/<int:commune_id>/", views.commune_workspace, name="commune"),
    path("<int:campaign_id>/xa/<int:commune_id>/lap-danh-sach/", views.commune_list, name="commune_list"),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/cap-nhat-phieu/", views.commune_collect, name="commune_collect"
    ),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/xac-nhan-khong-doi/",
        views.commune_confirm_unchanged,
        name="commune_confirm_unchanged",
    ),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/quyet-dinh/", views.commune_decision, name="commune_decision"
    ),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/quyet-dinh/in.<str:file_format>",
        views_decision.decision_print,
        name="decision_print",
    ),
    path("<int:campaign_id>/xa/<int:commune_id>/gui-tinh/", views.commune_submit, name="commune_submit"),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/thon/<int:village_id>/hop-dan/",
        views.village_meeting,
        name="village_meeting",
    ),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/thon/<int:village_id>/niem-yet/",
        views.village_posting,
        name="village_posting",
    ),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/thon/<int:village_id>/danh-sach-niem-yet/",
        views.posting_print,
        name="posting_print",
    ),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/ho/<int:case_id>/khieu-nai/",
        views.case_objection,
        name="case_objection",
    ),
    path(
        "<int:campaign_id>/xa/<int:commune_id>/khieu-nai/<int:objection_id>/tra-loi/",
        views.objection_answer,
        name="objection_answer",
    ),
]

from giamngheo.reviews import views_reports  # noqa: E402

urlpatterns += [
    path("<int:campaign_id>/bao-cao/", views_reports.campaign_report_page, name="report"),
]

from giamngheo.reviews import views_requests  # noqa: E402

urlpatterns += [
    path("de-nghi/", views_requests.request_list, name="requests"),
]

from giamngheo.reviews import views_reviewer  # noqa: E402

urlpatterns += [
    path("ho-cua-toi/", views_reviewer.my_households, name="my_households"),
]
