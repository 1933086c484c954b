"""English pages carry no Vietnamese interface text; Vietnamese pages carry none of Django's English."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import translation

from giamngheo.areas.services import VILLAGE_TYPES
from giamngheo.programs import services as program_services
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.programs.models import Program
from giamngheo.registry.validation import ethnicities, relations
from giamngheo.reviews.services import cases_list
from giamngheo.standards.formatting import split_tags
from giamngheo.standards.loader import load_codes, load_column_labels
from giamngheo.support.models import PovertyCause, SupportType
from giamngheo.support.services.housing import housing_case_open
from giamngheo.support.services.lists import beneficiary_list_propose
from giamngheo.support.services.plans import household_plan_create as support_plan_create
from giamngheo.support.services.records import support_record_add
from tests.fixtures.people import client_for
from tests.fixtures.support import SURVEYED_ON, TODAY

pytestmark = pytest.mark.django_db
ACTIVITY_SLUGS = ("truyen-thong", "tap-huan", "can-bo", "kiem-tra", "thi-dua", "quy-vi-nguoi-ngheo")

VIETNAMESE = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠÈÉẺẼẸÌÍỈĨỊÒÓỎÕỌÙÚỦŨỤỲÝỶỸỴ]"
)
DJANGO_ENGLISH = (
    "Select an option",
    "This field is required",
    "Enter a valid date",
    "Enter a whole number",
    "Enter a number",
    "Ensure this value",
    "Select a valid choice",
)
PROJECT_APPS = ("core", "geo", "accounts", "registry", "reviews", "programs", "monitoring", "support")
SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# Shown as written in every language: each language's own name in the switcher, numbers of legal
# documents (353/QĐ-TTg), and names quoted from Vietnamese files («Hộ gia đình», the sheet of a template).
AS_WRITTEN = re.compile(r"Tiếng Việt|\b\d+/[\w-]*QĐ[\w-]*|«[^»]*»")
WORD = re.compile(r"\w+")


class _Text(HTMLParser):
    """The text a reader sees: text nodes and a few attributes, without scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden += 1
        self.parts.extend(value for name, value in attrs if name in SHOWN_ATTRIBUTES and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.parts.append(" ".join(data.split()))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _strings(item)]
    return []


def _user_data() -> dict[str, list[str]]:
    """Every text stored in the database or read from the standards data, indexed by its first word.

    Names of units, people and places, and the survey's code lists, are data: they stay as written.
    """
    texts: set[str] = set()
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = [
                field.name
                for field in model._meta.concrete_fields
                if isinstance(field, models.CharField | models.TextField | models.JSONField)
                and not field.choices
            ]
            for row in model._base_manager.order_by().values_list(*fields) if fields else []:
                texts.update(text for value in row for text in _strings(value))
    units = apps.get_model("geo", "AdminUnit")._base_manager.order_by().values_list("division_type", "name")
    texts.update(f"{division_type} {name}" for division_type, name in units)
    for codes in (*load_codes().values(), *load_column_labels().values(), relations(), ethnicities()):
        texts.update(codes.values())
    texts.update(VILLAGE_TYPES)
    # stored explanations are shown without their confidence codes, their legal sources listed apart
    for text in [text for text in texts if "[" in text]:
        plain, bases = split_tags(text)
        texts.update([plain, *(source for _confidence, source in bases)])
    index: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        words = WORD.findall(text)
        if VIETNAMESE.search(text) and words:
            index[words[0]].append(" ".join(text.split()))
    return index


def _vietnamese_interface_text(html: str, data: dict[str, list[str]]) -> list[str]:
    parser = _Text()
    parser.feed(html)
    found = []
    for part in parser.parts:
        if not VIETNAMESE.search(part):
            continue
        # Stored texts first: one may itself quote a legal document (353/QĐ-TTg) or a name in «».
        remainder = part
        candidates = {text for word in set(WORD.findall(part)) for text in data.get(word, [])}
        for text in sorted(candidates, key=len, reverse=True):
            remainder = remainder.replace(text, " ")
        remainder = AS_WRITTEN.sub(" ", remainder)
        if VIETNAMESE.search(remainder):
            found.append(part)
    return found


def _english(client: Client) -> Client:
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.fixture
def review_under_way(officer_a, commune_a, household, campaign):
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    return campaign


@pytest.fixture
def plan(province_officer, hue):
    catalogue_load()
    return program_services.plan_create(
        actor=province_officer,
        program=Program.objects.get(code="ntm-gnbv-dtts-2026-2035"),
        unit=hue,
        kind="annual",
        start_year=2026,
        end_year=2026,
        number="01/KH-UBND",
        issuer="UBND thành phố Huế",
        title="Kế hoạch năm 2026",
        issued_on=dt.date(2026, 1, 5),
    )


def _pages(officer_a, province_officer, chair_a, commune_a, hue, household, campaign, plan):
    commune_pages = [
        "/",
        f"/don-vi/{commune_a.pk}/",
        "/ho/",
        f"/ho/{household.pk}/",
        f"/ho/{household.pk}/phieu/",
        f"/ho/{household.pk}/thanh-vien/them/",
        f"/ho/dang-ky/{commune_a.pk}/",
        "/ho/nhap/",
        "/ho/phieu-odk/",
        "/ho/phieu-odk/nhap/",
        "/ho/du-lieu-phan-tich/",
        "/ra-soat/",
        f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/",
        "/ra-soat/de-nghi/",
        "/tai-khoan/cua-toi/",
        "/ho-tro/",
        "/ho-tro/danh-muc/",
        "/ho-tro/so-theo-doi/",
        "/ho-tro/nha-o/",
        f"/ho-tro/ho/{household.pk}/",
        "/cong-trinh/",
        "/cong-trinh/them/",
        "/cong-trinh/mo-hinh/",
        "/cong-trinh/mo-hinh/them/",
        "/cong-trinh/nhap/",
        "/cong-trinh/ban-do/",
    ]
    province_pages = [
        "/",
        f"/don-vi/{hue.pk}/",
        "/ho/",
        f"/ho/{household.pk}/",
        "/ra-soat/",
        f"/ra-soat/{campaign.pk}/",
        f"/ra-soat/{campaign.pk}/bao-cao/",
        "/tai-khoan/nhat-ky/",
        "/tai-khoan/nguoi-dung/",
        "/ke-hoach/",
        f"/ke-hoach/{plan.pk}/",
        f"/ke-hoach/{plan.pk}/sua/",
        "/giam-sat/dot/",
        "/giam-sat/chi-so/",
        f"/giam-sat/mo-phong-chuan/?unit={commune_a.pk}&standard=2027-2030&reference_date=01/12/2026",
        "/giam-sat/dhis2/",
        "/ho-tro/",
        "/ho-tro/so-theo-doi/",
        "/ho-tro/nha-o/",
        "/hoat-dong/",
        *(f"/hoat-dong/{slug}/" for slug in ACTIVITY_SLUGS),
        *(f"/hoat-dong/{slug}/them/" for slug in ACTIVITY_SLUGS),
        "/hoat-dong/truyen-thong/nhap/",
        "/cong-trinh/",
        "/cong-trinh/mo-hinh/them/",
    ]
    chair_pages = ["/", f"/ra-soat/{campaign.pk}/xa/{commune_a.pk}/"]
    return [(officer_a, commune_pages), (province_officer, province_pages), (chair_a, chair_pages)]


def test_english_pages_show_no_vietnamese_interface_text(
    officer_a,
    province_officer,
    chair_a,
    commune_a,
    hue,
    household,
    review_under_way,
    plan,
):
    data = _user_data()
    found = {}
    for user, pages in _pages(
        officer_a, province_officer, chair_a, commune_a, hue, household, review_under_way, plan
    ):
        client = _english(client_for(user))
        for page in pages:
            response = client.get(page)
            assert (page, response.status_code, response["Content-Language"]) == (page, 200, "en")
            text = _vietnamese_interface_text(response.content.decode(), data)
            if text:
                found[f"{user.username} {page}"] = text
    assert found == {}, "\n".join(f"{page}: {text}" for page, text in found.items())


def test_vietnamese_pages_show_no_django_english(
    officer_a,
    province_officer,
    chair_a,
    commune_a,
    hue,
    household,
    review_under_way,
    plan,
):
    found = {}
    for user, pages in _pages(
        officer_a, province_officer, chair_a, commune_a, hue, household, review_under_way, plan
    ):
        client = client_for(user)
        for page in pages:
            content = client.get(page).content.decode()
            found.update(
                {f"{user.username} {page}": phrase for phrase in DJANGO_ENGLISH if phrase in content}
            )
    refused = client_for(officer_a).post(
        f"/ho/{household.pk}/thanh-vien/them/", {"birth_date": "31/02/1990", "birth_year": "abc"}
    )
    content = refused.content.decode()
    assert found == {}
    assert [phrase for phrase in DJANGO_ENGLISH if phrase in content] == []
    assert "Trường này là bắt buộc." in content


def test_the_interface_check_finds_vietnamese_outside_data():
    data = {"Hồ": ["Hồ Văn Tâm"]}
    html = (
        '<p>Hồ Văn Tâm, 1980</p><p title="Sửa">Edit</p><script>var a = "đ";</script>'
        "<p>Hộ Hồ Văn Tâm</p><p>Sheet «Hộ gia đình», decision 353/QĐ-TTg</p>"
    )
    assert _vietnamese_interface_text(html, data) == ["Sửa", "Hộ Hồ Văn Tâm"]


def test_djangos_blank_choice_is_labelled_from_our_catalogue():
    field = apps.get_model("registry", "Household")._meta.get_field("status")
    with translation.override("vi"):
        vietnamese = str(field.get_choices()[0][1])
    with translation.override("en"):
        english = str(field.get_choices()[0][1])
    assert (vietnamese, english) == ("— Chọn —", "— Select —")


def test_english_support_pages_with_records_show_no_vietnamese_interface_text(
    officer_a,
    commune_a,
    poor_household,
):
    support_plan_create(
        actor=officer_a, household=poor_household, year=2026, causes=list(PovertyCause.objects.all()[:2]),
        helper_name="Lê Văn A", on=SURVEYED_ON,
    )  # fmt: skip
    case = housing_case_open(
        actor=officer_a, household=poor_household,
        support_type=SupportType.objects.get(code="da5-nha-xay-moi"), work="new", year=2026, on=SURVEYED_ON,
    )  # fmt: skip
    record = support_record_add(
        actor=officer_a, household=poor_household, member=None,
        support_type=SupportType.objects.get(code="vay-ho-ngheo"), on=TODAY, amount=50_000_000, today=TODAY,
    )  # fmt: skip
    beneficiary_list = beneficiary_list_propose(
        actor=officer_a, support_type=SupportType.objects.get(code="bhyt-ho-ngheo"), commune=commune_a,
        year=2026, reference_date=SURVEYED_ON,
    )  # fmt: skip
    pages = [
        "/ho-tro/",
        "/ho-tro/so-theo-doi/?lich-su=1&nam=2026",
        f"/ho-tro/so-theo-doi/{record.pk}/",
        f"/ho-tro/nha-o/{case.pk}/",
        f"/ho-tro/danh-sach/{beneficiary_list.pk}/",
        f"/ho-tro/ho/{poor_household.pk}/",
        f"/ho-tro/ho/{poor_household.pk}/ke-hoach/2026/",
    ]
    data = _user_data()
    client = _english(client_for(officer_a))
    found = {}
    for page in pages:
        response = client.get(page)
        assert (page, response.status_code, response["Content-Language"]) == (page, 200, "en")
        text = _vietnamese_interface_text(response.content.decode(), data)
        if text:
            found[page] = text
    assert found == {}, "\n".join(f"{page}: {text}" for page, text in found.items())
