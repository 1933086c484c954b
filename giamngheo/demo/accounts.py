"""Demo accounts (one per role) and demo villages for the Huế demo province; idempotent."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from giamngheo.accounts.models import AreaAssignment, User
from giamngheo.accounts.roles import Role
from giamngheo.accounts.services import assignment_add, user_create
from giamngheo.areas.services import village_create
from giamngheo.demo.agencies import demo_agencies_load
from giamngheo.geo.models import AdminUnit, Level, Tree

DEMO_PASSWORD = "giamngheo@2026"  # noqa: S105 — documented demo password, never for production
DEMO_PROVINCE = "46"  # Thành phố Huế
DEMO_COMMUNES = ("20056", "20044")  # Xã A Lưới 1, Xã A Lưới 2
DEMO_VILLAGES = 6


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    organization: str
    role: str
    unit: tuple[str, str] | None  # (level, code); a village is (village, "<commune code>:<n>")


DEMO_USERS = (
    DemoUser("quantri", "Quản trị hệ thống", "Trung tâm Công nghệ thông tin", Role.SYSTEM_ADMIN, None),
    DemoUser(
        "tinh.hue",
        "Nguyễn Thị Hoa",
        "Sở Nông nghiệp và Môi trường TP Huế",
        Role.PROVINCE_OFFICER,
        ("province", DEMO_PROVINCE),
    ),
    DemoUser(
        "nganh.yte", "Trần Văn Bình", "Sở Y tế TP Huế", Role.AGENCY_OFFICER, ("province", DEMO_PROVINCE)
    ),
    DemoUser(
        "nganh.xaydung",
        "Phan Văn Đức",
        "Sở Xây dựng TP Huế",
        Role.AGENCY_OFFICER,
        ("province", DEMO_PROVINCE),
    ),
    DemoUser(
        "giamsat.hue",
        "Lê Thị Mai",
        "Ủy ban MTTQ Việt Nam TP Huế",
        Role.OVERSIGHT_VIEWER,
        ("province", DEMO_PROVINCE),
    ),
    DemoUser(
        "xa.aluoi1", "Hồ Văn Sơn", "UBND xã A Lưới 1", Role.COMMUNE_OFFICER, ("commune", DEMO_COMMUNES[0])
    ),
    DemoUser(
        "chutich.aluoi1", "Kăn Thị Lan", "UBND xã A Lưới 1", Role.COMMUNE_CHAIR, ("commune", DEMO_COMMUNES[0])
    ),
    DemoUser(
        "thon.aluoi1",
        "Hồ Thị Thu",
        "Thôn 1, xã A Lưới 1",
        Role.VILLAGE_REVIEWER,
        ("village", f"{DEMO_COMMUNES[0]}.001"),
    ),
    DemoUser(
        "xa.aluoi2", "Pả Văn Minh", "UBND xã A Lưới 2", Role.COMMUNE_OFFICER, ("commune", DEMO_COMMUNES[1])
    ),
)


def _unit(level: str, code: str) -> AdminUnit:
    return AdminUnit.objects.get(tree=Tree.CURRENT, level=level, code=code)


@transaction.atomic
def demo_load() -> list[str]:
    """Create the demo accounts and villages that are missing; return what was created."""
    created: list[str] = []
    admin = User.objects.filter(username="quantri").first()
    if admin is None:
        admin = User(
            username="quantri", full_name="Quản trị hệ thống", organization=DEMO_USERS[0].organization
        )
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        AreaAssignment.objects.create(user=admin, role=Role.SYSTEM_ADMIN, unit=None)
        created.append("quantri")
    for code in DEMO_COMMUNES:
        commune = _unit(Level.COMMUNE, code)
        existing = AdminUnit.objects.filter(level=Level.VILLAGE, parent=commune).count()
        for number in range(existing + 1, DEMO_VILLAGES + 1):
            village_create(actor=admin, commune=commune, name=f"Thôn {number}", division_type="Thôn")
            created.append(f"Thôn {number}, {commune.name}")
    for demo in DEMO_USERS[1:]:
        if User.objects.filter(username=demo.username).exists():
            continue
        assert demo.unit is not None
        unit = _unit(*demo.unit)
        user_create(
            actor=admin,
            username=demo.username,
            password=DEMO_PASSWORD,
            full_name=demo.full_name,
            organization=demo.organization,
            role=demo.role,
            unit=unit,
        )
        created.append(demo.username)
    # A province officer also acts as a line agency for the whole province in the demo.
    officer = User.objects.get(username="tinh.hue")
    if not AreaAssignment.objects.filter(user=officer, role=Role.AGENCY_OFFICER).exists():
        assignment_add(
            actor=admin, user=officer, role=Role.AGENCY_OFFICER, unit=_unit(Level.PROVINCE, DEMO_PROVINCE)
        )
    created += demo_agencies_load(DEMO_PROVINCE)
    return created
