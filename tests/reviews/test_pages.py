"""Review pages: campaigns, province overview, commune workspace, and scoping."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from giamngheo.reviews.models import Campaign, ReviewCase, Step, SubmissionStatus
from tests.fixtures.people import client_for
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD
from tests.fixtures.reviews import make_household, poor_values, survey

pytestmark = pytest.mark.django_db


def test_province_officer_opens_a_campaign(province_officer):
    client = client_for(province_officer)
    response = client.post(
        "/ra-soat/",
        {
            "kind": "annual",
            "year": 2026,
            "starts_on": "1/9/2026",
            "ends_on": "14/12/2026",
            "posting_working_days": 3,
            "approval_chain": "commune_province",
        },
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert campaign.standard == "2022-2025"
    assert "Thành phố Huế" in client.get(f"/ra-soat/{campaign.pk}/").content.decode()


def test_commune_officer_cannot_open_a_campaign(officer_a):
    client_for(officer_a).post(
        "/ra-soat/",
        {
            "kind": "annual",
            "year": 2026,
            "starts_on": "1/9/2026",
            "ends_on": "14/12/2026",
            "posting_working_days": 3,
            "approval_chain": "commune_province",
        },
    )
    assert not Campaign.objects.exists()


def test_whole_path_through_the_pages(officer_a, chair_a, province_officer, commune_a, village_a, campaign):
    poor = make_household(officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor")
    near = make_household(officer_a, commune_a, village_a, "Hồ Văn Cận", "near_poor")
    officer = client_for(officer_a)
    base = f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/"
    officer.post(base + "lap-danh-sach/")
    assert ReviewCase.objects.filter(campaign=campaign).count() == 2
    page = officer.get(base).content.decode()
    assert "chưa có phiếu rà soát, chấm điểm" in page
    survey(officer_a, poor, dict(COMFORTABLE_HOUSEHOLD))
    survey(officer_a, near, poor_values())
    officer.post(base + "cap-nhat-phieu/")
    cases = {case.household_id: case for case in ReviewCase.objects.all()}
    officer.post(
        base + f"thon/{village_a.pk}/hop-dan/",
        {
            "held_on": "5/10/2026",
            "attendees": 30,
            "chaired_by": "Trưởng thôn",
            "secretary": "Thư ký",
            "minutes": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
            f"agree_{cases[poor.pk].pk}": 20,
            f"agree_{cases[near.pk].pk}": 16,
        },
    )
    assert set(ReviewCase.objects.values_list("step", flat=True)) == {Step.AGREED}
    officer.post(base + f"thon/{village_a.pk}/niem-yet/", {"starts_on": "8/10/2026"})
    printed = officer.get(base + f"thon/{village_a.pk}/danh-sach-niem-yet/").content.decode()
    assert "Hồ Văn Cận" in printed and "12/10/2026" in printed
    chair = client_for(chair_a)
    early = chair.post(base + "quyet-dinh/", {"number": "125/QĐ-UBND", "signed_on": "12/10/2026"})
    assert "ký từ ngày 13/10/2026" in early.content.decode()  # the posting ends on 12/10
    preview = chair.post(base + "quyet-dinh/", {"number": "125/QĐ-UBND", "signed_on": "20/10/2026"})
    shown = preview.content.decode()
    assert "Tóm tắt kết quả công nhận" in shown and "Thoát nghèo" in shown
    assert not ReviewCase.objects.filter(step=Step.DECIDED).exists()  # nothing signed before confirming
    chair.post(base + "quyet-dinh/", {"number": "125/QĐ-UBND", "signed_on": "20/10/2026", "confirmed": "1"})
    assert set(ReviewCase.objects.values_list("step", flat=True)) == {Step.DECIDED}
    officer.post(base + "gui-tinh/")
    submission = campaign.submissions.get()
    assert submission.status == SubmissionStatus.SUBMITTED
    province = client_for(province_officer)
    overview = province.get(f"/ra-soat/{campaign.pk}/").content.decode()
    assert "Xem tóm tắt, phê duyệt hoặc trả lại" in overview and "Hộ cận nghèo trở thành hộ nghèo" in overview
    province.post(f"/ra-soat/{campaign.pk}/bao-cao-xa/{submission.pk}/", {"decision": "approve"})
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED  # not approved without the confirmation
    province.post(
        f"/ra-soat/{campaign.pk}/bao-cao-xa/{submission.pk}/", {"decision": "approve", "confirmed": "1"}
    )
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED


def test_early_decision_shows_what_is_missing(officer_a, chair_a, commune_a, village_a, campaign):
    make_household(officer_a, commune_a, village_a, "Hồ Văn Nghèo", "poor")
    client_for(officer_a).post(f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/lap-danh-sach/")
    chair = client_for(chair_a)
    response = chair.post(
        f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/quyet-dinh/",
        {"number": "1/QĐ", "signed_on": "20/10/2026"},
        follow=True,
    )
    content = response.content.decode()
    assert "Chưa thể ra quyết định: 1 hộ chưa đủ bước" in content and "?chua-du=1" in content
    assert not ReviewCase.objects.filter(step=Step.DECIDED).exists()
    waiting = chair.get(f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/?chua-du=1").content.decode()
    assert "chưa có phiếu rà soát" in waiting and "Hiện tất cả các hộ" in waiting


def test_other_commune_workspace_is_404(officer_b, commune_a, campaign):
    assert client_for(officer_b).get(f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/").status_code == 404


def test_other_province_campaign_is_404(campaign, son_la):
    from giamngheo.accounts.roles import Role
    from tests.fixtures.people import make_user

    other = make_user("sonla", Role.PROVINCE_OFFICER, son_la)
    assert client_for(other).get(f"/ra-soat/{campaign.pk}/").status_code == 404
    assert dt.date(2026, 9, 1) == campaign.starts_on


def test_campaign_deadlines_must_follow_the_procedure(province_officer, hue):
    from giamngheo.core.errors import AppError
    from giamngheo.reviews.services import campaign_create

    with pytest.raises(AppError) as error:
        campaign_create(
            actor=province_officer,
            province=hue,
            year=2026,
            kind="annual",
            starts_on=dt.date(2026, 9, 1),
            ends_on=dt.date(2026, 12, 14),
            deadlines={"list_by": dt.date(2026, 9, 30), "survey_by": dt.date(2026, 9, 15)},
        )
    assert error.value.field == "survey_by"


def test_progress_shows_which_commune_is_late(province_officer, officer_a, commune_a, commune_b, hue):
    from giamngheo.reviews.selectors import campaign_progress
    from giamngheo.reviews.services import campaign_create, cases_list

    campaign = campaign_create(
        actor=province_officer,
        province=hue,
        year=2026,
        kind="annual",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 14),
        deadlines={"list_by": dt.date(2026, 9, 15)},
    )
    from tests.fixtures.reviews import make_household

    make_household(officer_a, commune_a, None, "Hồ Văn Nghèo", "poor")
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    rows = {
        row.commune.code: row
        for row in campaign_progress(province_officer, campaign, today=dt.date(2026, 10, 1))
    }
    assert rows[commune_a.code].late == []
    assert rows[commune_b.code].late == ["lập danh sách (hạn 15/09/2026)"]
    page = client_for(province_officer).get(f"/ra-soat/{campaign.pk}/").content.decode()
    assert "trễ" in page


def test_posting_list_title_writes_the_year_without_a_separator(officer_a, commune_a, village_a, campaign):
    url = f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/thon/{village_a.pk}/danh-sach-niem-yet/"
    content = client_for(officer_a).get(url).content.decode()
    assert f"hộ cận nghèo {campaign.year}</h1>" in content
    assert f"{campaign.year // 1000}.{campaign.year % 1000:03d}" not in content
