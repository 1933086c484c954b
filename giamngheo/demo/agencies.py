"""Demo line agencies of Huế (lead agencies of the support catalogue) and their demo officer; idempotent."""

from __future__ import annotations

from giamngheo.accounts.models import User
from giamngheo.geo.models import AdminUnit, Level, Tree
from giamngheo.programs.models import Agency, AgencyKind, AgencyMember

# (name, short name, kind): one agency per kind the catalogue's support types are led by.
DEMO_AGENCIES = (
    ("Sở Nông nghiệp và Môi trường", "Sở NN&MT", AgencyKind.LABOUR),
    ("Sở Y tế", "", AgencyKind.HEALTH),
    ("Sở Xây dựng", "", AgencyKind.CONSTRUCTION),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", AgencyKind.EDUCATION),
    ("Ngân hàng Chính sách xã hội chi nhánh thành phố Huế", "NHCSXH", AgencyKind.SOCIAL_POLICY_BANK),
    ("Bảo hiểm xã hội thành phố Huế", "BHXH", AgencyKind.SOCIAL_INSURANCE),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", AgencyKind.INFORMATION),
    ("Sở Nội vụ", "", AgencyKind.EMPLOYMENT),
    ("Sở Công Thương", "", AgencyKind.INDUSTRY),
)
# Demo officers and the agency they work for.
DEMO_MEMBERS = (("nganh.yte", "Sở Y tế"), ("nganh.xaydung", "Sở Xây dựng"))


def demo_agencies_load(province_code: str) -> list[str]:
    """Create the missing agencies of the province (tagging an existing one with its kind) and memberships."""
    province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=province_code)
    created: list[str] = []
    for name, short_name, kind in DEMO_AGENCIES:
        agency, new = Agency.objects.get_or_create(
            province=province, name=name, defaults={"short_name": short_name, "kind": kind}
        )
        if new:
            created.append(name)
        elif not agency.kind:
            agency.kind = kind
            agency.save(update_fields=["kind"])
    for username, agency_name in DEMO_MEMBERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        agency = Agency.objects.get(province=province, name=agency_name)
        if AgencyMember.objects.get_or_create(agency=agency, user=user)[1]:
            created.append(f"{username} @ {agency_name}")
    return created
