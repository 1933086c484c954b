"""Geography pages: home, search, unit page, village and attribute forms."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from giamngheo.geo.models import AdminUnit, AttributeKind, Level, Tree, UnitAttribute
from tests.fixtures.people import client_for

pytestmark = pytest.mark.django_db


def test_home_lists_the_users_area(officer_a):
    content = client_for(officer_a).get("/").content.decode()
    assert "Xã A Lưới 1" in content
    assert "Cán bộ giảm nghèo cấp xã" in content


def test_national_admin_home_lists_34_provinces(admin_user):
    content = client_for(admin_user).get("/").content.decode()
    roots = content.split('data-testid="roots"')[1].split("</nav>")[0]
    assert roots.count("/don-vi/") == 34


def test_search_is_accent_insensitive_and_scoped(province_officer):
    client = client_for(province_officer)
    found = client.get("/don-vi/tim/", {"q": "a luoi"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Xã A Lưới 1" in found and "<html" not in found
    elsewhere = client.get("/don-vi/tim/", {"q": "ba dinh"}).content.decode()
    assert "Phường Ba Đình" not in elsewhere


def test_unit_page_queries_do_not_grow_with_children(admin_user, hue, django_assert_max_num_queries):
    client = client_for(admin_user)
    client.get(f"/don-vi/{hue.pk}/")
    with django_assert_max_num_queries(16):
        response = client.get(f"/don-vi/{hue.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("/don-vi/") >= 40


def test_legacy_district_page_shows_successors(admin_user):
    a_luoi = AdminUnit.objects.get(tree=Tree.LEGACY, level=Level.DISTRICT, code="481")
    content = client_for(admin_user).get(f"/don-vi/{a_luoi.pk}/").content.decode()
    assert "Xã A Lưới 5" in content
    assert "Huyện nghèo" in content and "353/QĐ-TTg" in content


def test_village_form_adds_a_village(officer_a, commune_a):
    response = client_for(officer_a).post(
        f"/don-vi/{commune_a.pk}/them-thon/", {"division_type": "Thôn", "name": "Thôn Ta Vai"}
    )
    assert response.status_code == 302
    assert AdminUnit.objects.filter(parent=commune_a, level=Level.VILLAGE, name="Thôn Ta Vai").exists()


def test_village_form_error_is_vietnamese_and_nothing_is_added(officer_a, commune_a):
    client = client_for(officer_a)
    client.post(f"/don-vi/{commune_a.pk}/them-thon/", {"division_type": "Thôn", "name": "Thôn 1"})
    response = client.post(f"/don-vi/{commune_a.pk}/them-thon/", {"division_type": "Thôn", "name": "thon 1"})
    assert response.status_code == 400
    assert "Xã này đã có thôn, tổ dân phố cùng tên hoặc cùng mã." in response.content.decode()
    assert AdminUnit.objects.filter(parent=commune_a, level=Level.VILLAGE).count() == 1


def test_attribute_form_records_a_confirmed_value(province_officer, commune_a):
    response = client_for(province_officer).post(
        f"/don-vi/{commune_a.pk}/thuoc-tinh/",
        {
            "kind": AttributeKind.AREA_TYPE,
            "value": "rural",
            "valid_from": "1/1/2026",
            "source": "QĐ 12/QĐ-UBND",
        },
    )
    assert response.status_code == 302
    current = UnitAttribute.objects.get(unit=commune_a, kind=AttributeKind.AREA_TYPE, valid_to__isnull=True)
    assert (current.source, current.is_default) == ("QĐ 12/QĐ-UBND", False)


def test_xlsx_export_opens_with_vietnamese_headers(province_officer, hue, tmp_path):
    response = client_for(province_officer).get(f"/don-vi/{hue.pk}/xuat.xlsx")
    path = tmp_path / "units.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã", "Tên", "Loại")
    assert len(rows) == 1 + 1 + 40
    assert rows[1][1] == "Thành phố Huế"


def test_english_is_available(officer_a):
    client = client_for(officer_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    content = client.get("/").content.decode()
    assert "Administrative units" in content
