"""Personal IDs: every page, form, export, PDF, error file and API response shows them masked to users
without the permission; full reads, exact-ID searches and error-file downloads are audited."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from giamngheo.accounts.roles import Role
from giamngheo.accounts.services import api_token_create
from giamngheo.core.errors import AppError
from giamngheo.core.models import AuditEvent
from giamngheo.registry import personal_ids
from giamngheo.registry.models import Household, Member
from giamngheo.registry.services import member_update
from giamngheo.reviews.services import campaign_create
from tests.conftest import client_for, make_user
from tests.registry.test_import import household_row, member_rows, upload, workbook

pytestmark = pytest.mark.django_db

HEAD_ID, SPOUSE_ID, CHILD_ID = "046080000123", "046184000456", "046212000789"
ALL_IDS = (HEAD_ID, SPOUSE_ID, CHILD_ID)
TAKEN = "Số định danh không hợp lệ hoặc đã được dùng; hãy kiểm tra lại."


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


@pytest.fixture
def known(officer_a, household):
    """The registry fixture's household, recognised poor, with a known ID for each of its three members."""
    spouse, child = household.members.order_by("member_no")[1:3]
    member_update(actor=officer_a, member=spouse, personal_id=SPOUSE_ID)
    member_update(actor=officer_a, member=child, personal_id=CHILD_ID)
    Household.objects.filter(pk=household.pk).update(status="poor")
    household.refresh_from_db()
    return household


@pytest.fixture
def campaign(province_officer, hue):
    return campaign_create(
        actor=province_officer,
        province=hue,
        year=2026,
        kind="annual",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 14),
    )


@pytest.fixture(params=["oversight", "agency", "village"])
def masked_user(request, hue, village_a):
    role, area = {
        "oversight": (Role.OVERSIGHT_VIEWER, hue),
        "agency": (Role.AGENCY_OFFICER, hue),
        "village": (Role.VILLAGE_REVIEWER, village_a),
    }[request.param]
    return make_user(f"an_{request.param}", role, area)


def _api(user):
    _token, raw = api_token_create(actor=user, user=user, name="kiem-thu")
    from django.test import Client

    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _xlsx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheet" in kind or content[:2] == b"PK":
        return _xlsx_text(content)
    if content[:4] == b"%PDF":
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", "replace")


def _places(known, campaign, commune_a, village_a):
    head = known.members.get(personal_id=HEAD_ID)
    base = f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/"
    pages = [
        "/ho/",
        f"/ho/?q={HEAD_ID}",
        f"/ho/{known.pk}/",
        f"/ho/{known.pk}/thanh-vien/{head.pk}/",
        f"/ho/{known.pk}/phieu/",
        f"/ho/{known.pk}/giay-chung-nhan/",
        f"/ho/chat-luong/?commune={commune_a.pk}",
        "/ho/xuat/?kind=all&format=xlsx&full_ids=1",
        "/ho/xuat/?kind=members&format=csv&full_ids=1",
        f"/ho/xuat/?kind=members&format=csv&full_ids=1&q={HEAD_ID}",
        "/tai-khoan/nhat-ky/",
        f"/ra-soat/{campaign.pk}/",
        base,
        base + f"thon/{village_a.pk}/danh-sach-niem-yet/",
        f"/ra-soat/{campaign.pk}/bao-cao/",
        "/ra-soat/de-nghi/",
    ]
    api = [
        "/api/v1/households",
        f"/api/v1/households?q={HEAD_ID}",
        f"/api/v1/households/{known.pk}",
        f"/api/v1/households/{known.pk}/members",
        f"/api/v1/households/{known.pk}/rounds",
    ]
    return pages, api


def test_no_page_export_pdf_or_api_response_shows_a_full_id_without_the_permission(
    known, masked_user, officer_a, campaign, commune_a, village_a
):
    client_for(officer_a).post(f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/lap-danh-sach/")
    pages, api = _places(known, campaign, commune_a, village_a)
    client, token_client = client_for(masked_user), _api(masked_user)
    before = AuditEvent.objects.filter(action=personal_ids.VIEW).count()

    bodies = {url: _body(client.get(url)) for url in pages}
    bodies |= {url: _body(token_client.get(url)) for url in api}
    bodies["certificate POST"] = _body(
        client.post(f"/ho/{known.pk}/giay-chung-nhan/", {"year": 2026, "issued_on": "5/1/2026"})
    )

    # The user's own search text is echoed in the search box and the export links: not a leak.
    echoed = {
        url: body.replace(f'value="{HEAD_ID}"', "").replace(f"q={HEAD_ID}", "")
        for url, body in bodies.items()
    }
    leaks = {url: pid for url, body in echoed.items() for pid in ALL_IDS if pid in body}
    assert leaks == {}
    assert "*********123" in bodies[f"/ho/{known.pk}/"]
    # Read-only roles are refused the member form (403); a reviewer who may edit sees the ID masked.
    form = client.get(f"/ho/{known.pk}/thanh-vien/{known.members.get(member_no=1).pk}/")
    assert (
        form.status_code == 403
        if masked_user.assignments.get().role != "village_reviewer"
        else ("*********123" in form.content.decode())
    )
    assert "*********456" in bodies[f"/api/v1/households/{known.pk}/members"]
    searched = [url for url in bodies if HEAD_ID in url]
    assert [url for url in searched if known.code in bodies[url]] == []
    assert AuditEvent.objects.filter(action=personal_ids.VIEW).count() == before
    assert not AuditEvent.objects.filter(action=personal_ids.SEARCH).exists()


def test_a_user_with_the_permission_sees_full_ids_and_each_read_is_audited(officer_a, known):
    client, token_client = client_for(officer_a), _api(officer_a)
    head = known.members.get(personal_id=HEAD_ID)
    reads = [
        (client, f"/ho/{known.pk}/", "household_page", 3),
        (client, f"/ho/{known.pk}/thanh-vien/{head.pk}/", "member_form", 1),
        (client, "/ho/xuat/?kind=members&format=csv&full_ids=1", "export", 3),
        (token_client, f"/api/v1/households/{known.pk}/members", "api", 3),
    ]

    for who, url, purpose, count in reads:
        body = _body(who.get(url))
        event = AuditEvent.objects.filter(action=personal_ids.VIEW).order_by("-id").first()
        assert HEAD_ID in body, url
        assert (event.actor, event.after["purpose"], event.after["count"]) == (officer_a, purpose, count)

    pdf = client.post(f"/ho/{known.pk}/giay-chung-nhan/", {"year": 2026, "issued_on": "5/1/2026"})
    assert HEAD_ID in _body(pdf)
    assert AuditEvent.objects.filter(action=personal_ids.VIEW, after__purpose="certificate").count() == 1


def test_the_member_form_shows_a_masked_read_only_id_and_saving_keeps_the_real_one(known, village_a):
    reviewer = make_user("thon_sua", Role.VILLAGE_REVIEWER, village_a)
    head = known.members.get(personal_id=HEAD_ID)
    client = client_for(reviewer)
    url = f"/ho/{known.pk}/thanh-vien/{head.pk}/"

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "full_name": "Hồ Văn Tâm Mới",
            "personal_id": "*********123",
            "birth_year": 1980,
            "sex": "male",
            "ethnicity": "19",
            "relation": "head",
            "version": head.version,
        },
    )

    assert HEAD_ID not in page and "*********123" in page and "disabled" in page
    assert response.status_code == 302
    head.refresh_from_db()
    assert (head.full_name, head.personal_id) == ("Hồ Văn Tâm Mới", HEAD_ID)


def test_exact_id_search_finds_the_household_only_for_id_viewers_and_is_audited(officer_a, known, hue):
    viewer = make_user("mttq", Role.OVERSIGHT_VIEWER, hue)

    found = client_for(officer_a).get("/ho/", {"q": HEAD_ID}).content.decode()
    hidden = client_for(viewer).get("/ho/", {"q": HEAD_ID}).content.decode()
    api_hidden = _api(viewer).get("/api/v1/households", {"q": HEAD_ID}).json()

    assert known.code in found
    assert known.code not in hidden
    assert api_hidden["count"] == 0
    event = AuditEvent.objects.get(action=personal_ids.SEARCH)
    assert (event.actor, event.after) == (
        officer_a,
        {"personal_id": "*********123", "purpose": "household_list"},
    )


def test_exact_id_search_is_throttled_with_a_vietnamese_message(officer_a, known):
    client = client_for(officer_a)
    for _ in range(personal_ids.SEARCH_LIMIT):
        assert known.code in client.get("/ho/", {"q": HEAD_ID}).content.decode()

    page = client.get("/ho/", {"q": HEAD_ID}).content.decode()
    export = client.get("/ho/xuat/", {"kind": "members", "format": "csv", "q": HEAD_ID})

    assert "quá nhiều lần" in page and known.code not in page
    assert export.status_code == 429
    assert AuditEvent.objects.filter(action=personal_ids.SEARCH).count() == personal_ids.SEARCH_LIMIT


def test_a_taken_id_gives_a_message_that_names_no_household(officer_b, commune_b, known):
    from giamngheo.registry.services import household_register

    other = household_register(
        actor=officer_b,
        commune=commune_b,
        village=None,
        head={"full_name": "Lê Văn B", "sex": "male", "birth_year": 1980},
    )
    head = other.members.get()

    with pytest.raises(AppError) as error:
        member_update(actor=officer_b, member=head, personal_id=HEAD_ID)

    assert (error.value.message, error.value.field) == (TAKEN, "personal_id")
    assert Member.objects.get(pk=head.pk).personal_id == ""


def test_error_file_belongs_to_the_uploader_and_id_viewers_and_shows_ids_masked(
    officer_a, province_officer, commune_a, village_a, hue, django_capture_on_commit_callbacks
):
    wrong_sex = "046180000123"  # marks a woman; the head is a man: reported with its value
    file = workbook([household_row("H001", income="nhiều")], member_rows("H001", personal_id=wrong_sex))
    batch = upload(officer_a, commune_a, file, django_capture_on_commit_callbacks)
    url = f"/ho/nhap/{batch.pk}/loi.xlsx"
    viewer = make_user("mttq_tinh", Role.OVERSIGHT_VIEWER, hue)

    own = client_for(officer_a).get(url)
    province = client_for(province_officer).get(url)
    refused = client_for(viewer).get(url)

    page = client_for(viewer).get(f"/ho/nhap/{batch.pk}/").content.decode()

    assert (own.status_code, province.status_code, refused.status_code) == (200, 200, 404)
    text = _body(own)
    assert wrong_sex not in text and "*********123" in text
    assert wrong_sex not in page and "error-file" not in page
    downloads = AuditEvent.objects.filter(action="import.error_file").values_list(
        "actor__username", flat=True
    )
    assert sorted(downloads) == ["tinh", "xa_a"]
