"""Synthetic registry for the Huế demo, calibrated per 2023 district to seed 003's poverty rates.

Households are generated per former (2023) district with that district's poor rate, each placed in one
of the district's legacy communes and, through the succession table, in that commune's primary successor
(the current commune). They are written by the import's own bulk path (`apply_plan`): a survey round and
an assessment each. Household codes carry the former commune («MAU.<mã xã cũ>.<số>»), like codes given
before the 2025 arrangement, so the rates per former district can be checked afterwards.
"""

from __future__ import annotations

import datetime as dt
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
from django.db import transaction

from giamngheo.accounts.models import User
from giamngheo.areas.services import village_create
from giamngheo.core.text import search_key
from giamngheo.demo import synthetic
from giamngheo.demo.accounts import demo_load
from giamngheo.geo.models import AdminUnit, AreaType, AttributeKind, Level, Succession, Tree, UnitAttribute
from giamngheo.registry.assess import standard_for
from giamngheo.registry.imports.apply import apply_plan
from giamngheo.registry.imports.validate import Plan
from giamngheo.registry.models import Household, ImportBatch, ImportStatus, Member
from giamngheo.standards.facts import HOUSEHOLD_SCHEMA, MEMBER_SCHEMA
from giamngheo.standards.formatting import vn_integer

TARGETS_FILE = Path(__file__).parent / "data" / "demo_hue_2023.toml"
PROVINCE = "46"  # Thành phố Huế (current tree) and Thừa Thiên Huế (legacy tree) share the code
CODE_PREFIX = "MAU."
DEFAULT_SCALE = 0.1  # ~33,000 households: loads in well under a minute on SQLite (docs/registry.md)
DEFAULT_SEED = 2023
VILLAGES_PER_COMMUNE = 4
# The demo survey is the 2025 review (the generator's reference date), under the 2022–2025 standard;
# its rates are set to the 2023 figures, the latest the seeds publish per locality.
REFERENCE_DATE = dt.date(2025, 10, 1)
REGISTERED_FROM = dt.date(2016, 1, 1)
STATES = ("poor", "near_poor", "average", "not_poor")
STATUS_OF_STATE = {"poor": "poor", "near_poor": "near_poor", "average": "average", "not_poor": "none"}
MERIT_SHARE_OF_ELDERLY = 0.05  # members aged 70 or more who are people with merit (assumption)


@dataclass(frozen=True)
class DemoDistrict:
    """One 2023 district of seed 003's appendix and where it lies in the legacy tree."""

    name: str
    poor_2023: int
    rate_2023: float  # percent
    legacy_districts: tuple[str, ...]
    legacy_communes: tuple[str, ...]
    exclude_communes: tuple[str, ...]
    near_poor_share: float
    average_share: float
    ethnic_minority_share: float

    @property
    def households_2023(self) -> float:
        """Household total implied by the appendix: poor ÷ rate."""
        return self.poor_2023 * 100 / self.rate_2023

    def counts(self, scale: float) -> dict[str, int]:
        """Households per target state at a scale; the poor count is exact, so the rate is as designed."""
        total = round(self.households_2023 * scale)
        poor = round(self.poor_2023 * scale)
        near_poor = round(total * self.near_poor_share)
        average = round(total * self.average_share)
        return {
            "poor": poor,
            "near_poor": near_poor,
            "average": average,
            "not_poor": total - poor - near_poor - average,
        }


@dataclass(frozen=True)
class DistrictRate:
    """Target and result of one 2023 district in the demo registry."""

    name: str
    target_rate: float
    households: int
    poor: int
    assessed_poor: int

    @property
    def rate(self) -> float:
        return 100 * self.poor / self.households if self.households else 0.0


@dataclass
class DemoResult:
    created: bool
    scale: float
    villages_created: int = 0
    households: int = 0
    members: int = 0
    seconds: float = 0.0
    rates: list[DistrictRate] = field(default_factory=list)


def demo_targets(path: Path = TARGETS_FILE) -> list[DemoDistrict]:
    """The 2023 districts with their poor households and rates (seed 003), and the assumed other shares."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    defaults = data["defaults"]
    districts = []
    for item in data["district"]:
        rate = float(item["rate_2023"])
        near = min(rate / 100 * defaults["near_poor_per_poor"], defaults["near_poor_max"])
        districts.append(
            DemoDistrict(
                name=item["name"],
                poor_2023=int(item["poor_2023"]),
                rate_2023=rate,
                legacy_districts=tuple(item.get("legacy_districts", ())),
                legacy_communes=tuple(item.get("legacy_communes", ())),
                exclude_communes=tuple(item.get("exclude_communes", ())),
                near_poor_share=near,
                average_share=float(item.get("average_share", defaults["average_share"])),
                ethnic_minority_share=float(
                    item.get("ethnic_minority_share", defaults["ethnic_minority_share"])
                ),
            )
        )
    return districts


@dataclass(frozen=True)
class _Origin:
    """A legacy commune and the current commune that succeeds it."""

    code: str
    name: str
    successor_id: int


def _origins(districts: list[DemoDistrict]) -> dict[str, list[_Origin]]:
    """Legacy communes of each 2023 district that have a primary successor in the succession table."""
    legacy = AdminUnit.objects.filter(tree=Tree.LEGACY, level=Level.COMMUNE, province__code=PROVINCE)
    successors = dict(
        Succession.objects.filter(predecessor__in=legacy, is_primary=True).values_list(
            "predecessor_id", "successor_id"
        )
    )
    units = list(legacy.values_list("id", "code", "name", "district__code"))
    result: dict[str, list[_Origin]] = {}
    for district in districts:
        chosen = [
            _Origin(code, name, successors[pk])
            for pk, code, name, district_code in units
            if pk in successors
            and (district_code in district.legacy_districts or code in district.legacy_communes)
            and code not in district.exclude_communes
        ]
        if not chosen:
            raise ValueError(f"no legacy commune with a successor for {district.name}")
        result[district.name] = sorted(chosen, key=lambda origin: origin.code)
    return result


def _villages(actor: User, communes: list[AdminUnit]) -> tuple[dict[int, list[tuple[int, str]]], int]:
    """Make sure each commune has a few villages; return (id, name) of its villages and how many were made."""
    created = 0
    villages: dict[int, list[tuple[int, str]]] = {}
    for commune in communes:
        existing = AdminUnit.objects.filter(level=Level.VILLAGE, parent=commune, valid_to__isnull=True)
        names = set(existing.values_list("search_name", flat=True))
        kind = "Tổ dân phố" if commune.division_type == "Phường" else "Thôn"
        for number in range(1, VILLAGES_PER_COMMUNE + 1):
            if len(names) >= VILLAGES_PER_COMMUNE:
                break
            name = f"{kind} {number}"
            if search_key(name) in names:
                continue
            village_create(actor=actor, commune=commune, name=name, division_type=kind)
            names.add(search_key(name))
            created += 1
        villages[commune.pk] = list(existing.order_by("code").values_list("id", "name"))
    return villages, created


def _areas(commune_ids: list[int], on: dt.date) -> dict[int, str]:
    """Urban or rural per commune on a day (rural where no attribute is recorded), as the import uses."""
    rows = (
        UnitAttribute.objects.filter(unit_id__in=commune_ids, kind=AttributeKind.AREA_TYPE)
        .exclude(valid_from__gt=on)
        .exclude(valid_to__lt=on)
        .values_list("unit_id", "value")
    )
    return dict.fromkeys(commune_ids, str(AreaType.RURAL)) | dict(rows)


def _slots(
    district: DemoDistrict,
    origins: list[_Origin],
    areas: dict[int, str],
    scale: float,
    rng: np.random.Generator,
) -> pl.DataFrame:
    """One row per household to make: target state and former commune (uniform over the communes)."""
    states = np.repeat(list(STATES), list(district.counts(scale).values()))
    picked = rng.integers(0, len(origins), states.size)
    return pl.DataFrame(
        {
            "district": district.name,
            "state": states,
            "legacy_code": [origins[index].code for index in picked],
            "legacy_name": [origins[index].name for index in picked],
            "commune_id": [origins[index].successor_id for index in picked],
            "area": [areas[origins[index].successor_id] for index in picked],
        },
        schema_overrides={"commune_id": pl.Int64},
    )


def _generate_group(
    state: str, area: str, count: int, ethnic_share: float, seed: int, prefix: str
) -> tuple[pl.DataFrame, pl.DataFrame]:
    profile = synthetic.PovertyProfile(
        poor_rate=float(state == "poor"),
        near_poor_rate=float(state == "near_poor"),
        average_rate=float(state == "average"),
        urban_share=float(area == AreaType.URBAN),
        ethnic_minority_share=ethnic_share,
    )
    households, members = synthetic.generate(count, seed=seed, poverty_profile=profile, code_prefix=prefix)
    return _typed(households, HOUSEHOLD_SCHEMA), _typed(members, MEMBER_SCHEMA)


def _typed(frame: pl.DataFrame, schema: dict[str, pl.DataType]) -> pl.DataFrame:
    """The schema's types (a tiny group can come back with an all-null column typed as Object)."""
    return frame.with_columns(
        pl.Series(name, frame.get_column(name).to_list(), dtype=kind)
        for name, kind in schema.items()
        if frame.schema[name] == pl.Object
    )


def _frames(
    districts: list[DemoDistrict],
    origins: dict[str, list[_Origin]],
    villages: dict[int, list[tuple[int, str]]],
    areas: dict[int, str],
    scale: float,
    seed: int,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Households and members of every district, in the registry columns of an import plan."""
    rng = np.random.default_rng(seed)
    household_parts: list[pl.DataFrame] = []
    member_parts: list[pl.DataFrame] = []
    group = 0
    for district in districts:
        slots = _slots(district, origins[district.name], areas, scale, rng)
        for (state, area), part in slots.group_by("state", "area", maintain_order=True):
            group += 1
            households, members = _generate_group(
                str(state), str(area), part.height, district.ethnic_minority_share, seed + group, f"G{group}."
            )
            household_parts.append(pl.concat([part.drop("area"), households], how="horizontal"))
            member_parts.append(members)
    households = pl.concat(household_parts).sample(fraction=1.0, shuffle=True, seed=seed)
    members = pl.concat(member_parts)
    households = households.with_columns(
        (
            pl.lit(CODE_PREFIX)
            + pl.col("legacy_code")
            + "."
            + (pl.int_range(1, pl.len() + 1).over("legacy_code")).cast(pl.String).str.zfill(5)
        ).alias("code")
    )
    codes = dict(zip(households["household_code"], households["code"], strict=True))
    members = members.with_columns(
        pl.col("household_code").replace_strict(codes, return_dtype=pl.String)
    ).sort("household_code", "member_no")
    households = households.with_columns(pl.col("code").alias("household_code")).drop("code")
    return _registry_columns(households, villages, rng), _member_columns(members, rng)


def _registry_columns(
    households: pl.DataFrame, villages: dict[int, list[tuple[int, str]]], rng: np.random.Generator
) -> pl.DataFrame:
    n = households.height
    places = [
        villages[commune][rng.integers(0, len(villages[commune]))] if villages[commune] else (None, "")
        for commune in households["commune_id"]
    ]
    former = [
        f"{name[:1].lower()}{name[1:]} cũ" if name else "" for name in households["legacy_name"].to_list()
    ]
    days = (dt.date(2025, 6, 30) - REGISTERED_FROM).days
    registered = np.datetime64(REGISTERED_FROM) + rng.integers(0, days, n).astype("timedelta64[D]")
    return households.with_columns(
        pl.Series("village_id", [village for village, _ in places], dtype=pl.Int64),
        pl.Series(
            "address",
            [
                f"{village}, {old}" if village else old
                for (_, village), old in zip(places, former, strict=True)
            ],
            dtype=pl.String,
        ),
        pl.Series("registered_on", registered).cast(pl.Date),
        pl.Series("residence", np.where(rng.random(n) < 0.96, "permanent", "temporary")),
        pl.col("state").replace_strict(STATUS_OF_STATE, return_dtype=pl.String).alias("status"),
        pl.lit("new").alias("action"),
    )


def _member_columns(members: pl.DataFrame, rng: np.random.Generator) -> pl.DataFrame:
    """Add people with merit; drop personal IDs that repeat (the generator's serials can collide)."""
    year = pl.coalesce(pl.col("birth_date").dt.year().cast(pl.Int64), pl.col("birth_year"))
    elderly = members.select(REFERENCE_DATE.year - year >= 70).to_series()
    merit = elderly.to_numpy() & (rng.random(members.height) < MERIT_SHARE_OF_ELDERLY)
    return members.with_columns(
        pl.Series("has_merit", merit),
        pl.when(pl.col("personal_id").is_first_distinct())
        .then(pl.col("personal_id"))
        .otherwise(None)
        .alias("personal_id"),
    )


def _drop_taken_ids(members: pl.DataFrame) -> pl.DataFrame:
    """Blank personal IDs already held by an active member of the registry (one person, one record)."""
    ids = members.get_column("personal_id").drop_nulls().to_list()
    taken: set[str] = set()
    for start in range(0, len(ids), 2000):
        taken.update(
            Member.objects.filter(is_active=True, personal_id__in=ids[start : start + 2000]).values_list(
                "personal_id", flat=True
            )
        )
    if not taken:
        return members
    return members.with_columns(
        pl.when(pl.col("personal_id").is_in(list(taken))).then(None).otherwise(pl.col("personal_id"))
    )


def _actor() -> User:
    demo_load()  # the demo accounts and villages of load_demo, idempotent
    return User.objects.get(username="quantri")


def registry_demo_load(*, scale: float = DEFAULT_SCALE, seed: int = DEFAULT_SEED) -> DemoResult:
    """Create the synthetic Huế registry unless demo households exist; running it again changes nothing."""
    if not 0 < scale <= 1:
        raise ValueError("scale must be in (0, 1]")
    started = time.perf_counter()
    if Household.objects.filter(code__startswith=CODE_PREFIX).exists():
        return DemoResult(created=False, scale=scale, rates=demo_rates())
    with transaction.atomic():
        actor = _actor()
        province = AdminUnit.objects.get(tree=Tree.CURRENT, level=Level.PROVINCE, code=PROVINCE)
        communes = list(
            AdminUnit.objects.filter(
                tree=Tree.CURRENT, level=Level.COMMUNE, province=province, valid_to__isnull=True
            ).order_by("code")
        )
        villages, villages_created = _villages(actor, communes)
        districts = demo_targets()
        origins = _origins(districts)
        areas = _areas([commune.pk for commune in communes], REFERENCE_DATE)
        households, members = _frames(districts, origins, villages, areas, scale, seed)
        members = _drop_taken_ids(members)
        standard = standard_for(REFERENCE_DATE)
        batch = ImportBatch.objects.create(
            uploaded_by=actor,
            scope=province,
            original_name=f"du-lieu-mau-hue-{scale:g}.xlsx",
            standard=standard.id,
            reference_date=REFERENCE_DATE,
            status=ImportStatus.APPLYING,
            message="Dữ liệu mẫu tổng hợp (manage.py load_demo_registry), không phải dữ liệu thật.",
        )
        counts = apply_plan(Plan(households, members), batch=batch, standard=standard, actor=actor)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportStatus.APPLIED,
            households_new=counts["new"],
            members_total=members.height,
            progress_done=4,
            progress_total=4,
        )
    return DemoResult(
        created=True,
        scale=scale,
        villages_created=villages_created,
        households=households.height,
        members=members.height,
        seconds=time.perf_counter() - started,
        rates=demo_rates(districts),
    )


def demo_rates(districts: list[DemoDistrict] | None = None) -> list[DistrictRate]:
    """Households, recognised poor and assessed poor per 2023 district, from the demo households' codes."""
    districts = districts or demo_targets()
    by_code = {origin.code: name for name, found in _origins(districts).items() for origin in found}
    tally: dict[str, list[int]] = {district.name: [0, 0, 0] for district in districts}
    rows = Household.objects.filter(code__startswith=CODE_PREFIX).values_list(
        "code", "status", "latest_category"
    )
    for code, status, category in rows.iterator(chunk_size=5000):
        counts = tally[by_code[code.split(".")[1]]]
        counts[0] += 1
        counts[1] += status == "poor"
        counts[2] += category == "poor"
    return [DistrictRate(district.name, district.rate_2023, *tally[district.name]) for district in districts]


def demo_summary_lines(result: DemoResult) -> list[str]:
    """Lines the command prints: scale, counts, time, and the rate per 2023 district against its target."""
    lines: list[str] = []
    if result.created:
        lines.append(
            f"Sổ hộ mẫu TP Huế (tỷ lệ {result.scale:g}): {vn_integer(result.households)} hộ, "
            f"{vn_integer(result.members)} thành viên, {result.villages_created} thôn mới, "
            f"{result.seconds:.1f} giây."
        )
    else:
        lines.append("Sổ hộ mẫu đã có, không thay đổi gì.")
    lines.append(
        f"{'Huyện (2023)':<22}{'số hộ':>8}{'hộ nghèo':>10}{'tỷ lệ':>8}{'mục tiêu':>10}{'đánh giá':>10}"
    )
    total = [0, 0, 0]
    targets = demo_targets()
    province_rate = 100 * sum(d.poor_2023 for d in targets) / sum(d.households_2023 for d in targets)
    for rate in result.rates:
        lines.append(
            f"{rate.name:<22}{rate.households:>8}{rate.poor:>10}{rate.rate:>7.2f}%"
            f"{rate.target_rate:>9.2f}%{rate.assessed_poor:>10}"
        )
        total = [total[0] + rate.households, total[1] + rate.poor, total[2] + rate.assessed_poor]
    if total[0]:
        lines.append(
            f"{'Toàn tỉnh':<22}{total[0]:>8}{total[1]:>10}{100 * total[1] / total[0]:>7.2f}%"
            f"{province_rate:>9.2f}%{total[2]:>10}"
        )
    return lines
