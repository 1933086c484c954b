"""URLs of support delivery under /ho-tro/."""

from django.urls import path

from giamngheo.support.views import catalogue, households, housing, ledger, lists

app_name = "support"

urlpatterns = [
    path("", lists.list_index, name="lists"),
    path("danh-muc/", catalogue.catalogue, name="catalogue"),
    path("danh-sach/de-xuat/", lists.list_propose, name="list_propose"),
    path("danh-sach/nhap/", lists.list_import, name="list_import"),
    path("danh-sach/<int:list_id>/", lists.list_detail, name="list"),
    path("danh-sach/<int:list_id>/doi-tuong/<int:entry_id>/", lists.entry_update, name="entry_update"),
    path("danh-sach/<int:list_id>/phe-duyet/", lists.list_approve, name="list_approve"),
    path("danh-sach/<int:list_id>/huy/", lists.list_cancel, name="list_cancel"),
    path("danh-sach/<int:list_id>/chi-tra.<str:file_format>", lists.list_payment, name="list_payment"),
    path("so-theo-doi/", ledger.ledger, name="ledger"),
    path("so-theo-doi/<int:record_id>/", ledger.record_detail, name="record"),
    path("so-theo-doi/<int:record_id>/da-trao/", ledger.record_deliver, name="record_deliver"),
    path("so-theo-doi/<int:record_id>/huy/", ledger.record_cancel, name="record_cancel"),
    path("nha-o/", housing.housing_index, name="housing_index"),
    path("nha-o/<int:case_id>/", housing.housing_detail, name="housing"),
    path("nha-o/<int:case_id>/phe-duyet/", housing.housing_approve, name="housing_approve"),
    path("nha-o/<int:case_id>/tien-do/", housing.housing_progress, name="housing_progress"),
    path("nha-o/<int:case_id>/nghiem-thu/", housing.housing_accept, name="housing_accept"),
    path("nha-o/<int:case_id>/huy/", housing.housing_cancel, name="housing_cancel"),
    path("ho/<int:household_id>/", households.household_panel, name="household_panel"),
    path("ho/<int:household_id>/ke-hoach/<int:year>/", households.plan_edit, name="plan"),
    path("ho/<int:household_id>/nha-o/", housing.housing_open, name="housing_open"),
    path("ke-hoach/<int:plan_id>/tham-ho/", households.plan_visit, name="plan_visit"),
    path("phu-luc/<int:commune_id>/<int:year>.<str:file_format>", catalogue.appendix, name="appendix"),
]
