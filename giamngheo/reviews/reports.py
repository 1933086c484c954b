"""Campaign reports for a commune, a province or a legacy unit: summary, movements, deprivations, ethnicity.

Every figure comes from a handful of grouped queries over the whole unit (never a query per household).

Period rules (see docs/reviews.md, "Báo cáo"):

- The households of a report are those of the unit's current communes that were still managed when the
  campaign started (not closed before `starts_on`).
- Start of period (đầu kỳ) is the status recognised before the campaign: `ReviewCase.status_before` for a
  household listed in the campaign (the snapshot taken at step 1); otherwise the status reconstructed from
  the insert-only transition history as of `starts_on` (the `to_status` of the last earlier transition not
  made by this campaign, else the `from_status` of the first transition, else `Household.status`).
- End of period (cuối kỳ) is computed independently of the movement columns: the `to_status` of the last
  "other" transition of the period (moved away, merged, other) if any, else the status set by the case's
  recognised outcome (`OUTCOME_STATUS`), else the start status; a household closed by `ends_on` counts in
  no list at the end.
- Movement columns count the period's transitions: those recorded by this campaign's decisions, plus the
  "other" kinds (moved away, merged, other) without a campaign dated within the campaign.

Because every recorded change is a transition whose `from_status` is the status it changed,
start − decreases + increases = end holds row by row; `Movement.mismatches` lists the rows where it does
not, which point at a change made without its transition (for example a household closed without a
"moved away" transition).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from giamngheo.accounts.access import scope_q
from giamngheo.geo.models import AdminUnit, Level, Succession, Tree
from giamngheo.registry.models import Household, StatusTransition, TransitionKind
from giamngheo.reviews.models import Campaign, ReviewCase, Step
from giamngheo.reviews.outcomes import NEAR_POOR, OUTCOME_STATUS, POOR
from giamngheo.reviews.report_counts import campaign_counts
from giamngheo.reviews.report_sql import OTHER_KINDS
from giamngheo.standards.loader import load_standard

AVERAGE = "average"
TOTAL_LABEL = _("Tổng cộng")


@dataclass(frozen=True)
class MovementColumn:
    """One column of a movement table: which transition kinds it counts, and whether they add or remove."""

    key: str
    label: StrOrPromise
    sign: int  # -1 decrease, +1 increase
    kinds: tuple[str, ...]


# Column lists of the movement tables, as labelled in law.md §3.2 [S: secondary source, not verified as the
# official template of Circular 07/2021].
POOR_MOVEMENT: tuple[MovementColumn, ...] = (
    MovementColumn(
        "to_near_poor", _("Giảm: trở thành hộ cận nghèo"), -1, (TransitionKind.POOR_TO_NEAR_POOR,)
    ),
    MovementColumn(
        "escaped", _("Giảm: vượt chuẩn cận nghèo (thoát nghèo)"), -1, (TransitionKind.ESCAPED_POOR,)
    ),
    MovementColumn("other_decrease", _("Giảm: số hộ khác giảm"), -1, OTHER_KINDS),
    MovementColumn(
        "from_near_poor",
        _("Tăng: số hộ cận nghèo trở thành hộ nghèo"),
        1,
        (TransitionKind.NEAR_POOR_TO_POOR,),
    ),
    MovementColumn("relapse", _("Tăng: tái nghèo"), 1, (TransitionKind.RELAPSE_POOR,)),
    MovementColumn("new", _("Tăng: phát sinh mới"), 1, (TransitionKind.NEW_POOR,)),
    MovementColumn("other_increase", _("Tăng: số hộ khác tăng"), 1, OTHER_KINDS),
)
NEAR_POOR_MOVEMENT: tuple[MovementColumn, ...] = (
    MovementColumn("to_poor", _("Giảm: trở thành hộ nghèo"), -1, (TransitionKind.NEAR_POOR_TO_POOR,)),
    MovementColumn("escaped", _("Giảm: vượt chuẩn cận nghèo"), -1, (TransitionKind.ESCAPED_NEAR_POOR,)),
    MovementColumn("other_decrease", _("Giảm: số hộ khác giảm"), -1, OTHER_KINDS),
    MovementColumn(
        "from_poor", _("Tăng: số hộ nghèo trở thành hộ cận nghèo"), 1, (TransitionKind.POOR_TO_NEAR_POOR,)
    ),
    MovementColumn("relapse", _("Tăng: tái cận nghèo"), 1, (TransitionKind.RELAPSE_NEAR_POOR,)),
    MovementColumn("new", _("Tăng: phát sinh mới"), 1, (TransitionKind.NEW_NEAR_POOR,)),
    MovementColumn("other_increase", _("Tăng: số hộ khác tăng"), 1, OTHER_KINDS),
)


@dataclass
class MovementRow:
    """The movement of one list (poor or near-poor) in one commune, or the total of a unit."""

    label: str
    start: int = 0
    columns: dict[str, int] = field(default_factory=dict)
    end: int = 0

    def computed_end(self, spec: Sequence[MovementColumn]) -> int:
        return self.start + sum(column.sign * self.columns.get(column.key, 0) for column in spec)

    def values(self, spec: Sequence[MovementColumn]) -> list[int]:
        return [self.columns.get(column.key, 0) for column in spec]

    def decreases(self, spec: Sequence[MovementColumn]) -> int:
        return sum(self.columns.get(column.key, 0) for column in spec if column.sign < 0)

    def increases(self, spec: Sequence[MovementColumn]) -> int:
        return sum(self.columns.get(column.key, 0) for column in spec if column.sign > 0)


@dataclass
class SummaryRow:
    label: str
    households: int = 0
    persons: int = 0
    poor: int = 0
    near_poor: int = 0
    average_agricultural: int = 0

    @property
    def poor_rate(self) -> float:
        return 100 * self.poor / self.households if self.households else 0.0

    @property
    def near_poor_rate(self) -> float:
        return 100 * self.near_poor / self.households if self.households else 0.0


@dataclass
class EthnicRow:
    label: str
    households: int = 0
    minority_households: int = 0
    minority_poor: int = 0
    minority_near_poor: int = 0
    poor: int = 0
    near_poor: int = 0

    @property
    def minority_poor_rate(self) -> float:
        return 100 * self.minority_poor / self.minority_households if self.minority_households else 0.0

    @property
    def minority_near_poor_rate(self) -> float:
        return 100 * self.minority_near_poor / self.minority_households if self.minority_households else 0.0

    @property
    def minority_share_of_poor(self) -> float:
        return 100 * self.minority_poor / self.poor if self.poor else 0.0


@dataclass
class DeprivationRow:
    label: str
    poor: dict[str, int] = field(default_factory=dict)
    near_poor: dict[str, int] = field(default_factory=dict)


@dataclass
class Movement:
    spec: tuple[MovementColumn, ...]
    rows: list[MovementRow]
    total: MovementRow

    def all_rows(self) -> list[MovementRow]:
        return [*self.rows, self.total]

    @property
    def mismatches(self) -> list[MovementRow]:
        return [row for row in self.all_rows() if row.computed_end(self.spec) != row.end]


@dataclass
class CampaignReport:
    campaign: Campaign
    unit: AdminUnit
    communes: list[AdminUnit]
    shared_communes: set[int]
    summary: list[SummaryRow]
    summary_total: SummaryRow
    poor: Movement
    near_poor: Movement
    indicators: list[tuple[str, str]]
    deprivation: list[DeprivationRow]
    deprivation_total: DeprivationRow
    ethnic: list[EthnicRow]
    ethnic_total: EthnicRow

    @property
    def reconciles(self) -> bool:
        return not self.poor.mismatches and not self.near_poor.mismatches


def report_communes(user: Any, campaign: Campaign, unit: AdminUnit) -> tuple[list[AdminUnit], set[int]]:
    """The current communes a report covers, inside the user's area and the campaign's province.

    A current commune or province covers itself or its communes. A legacy province, district or commune
    covers the current communes that are the primary successors of its legacy communes. Households only
    know their current commune, so a current commune made from legacy communes of several legacy units is
    counted whole in each of them; such communes are returned in the second value so pages can flag them.
    """
    current = AdminUnit.objects.filter(
        tree=Tree.CURRENT, level=Level.COMMUNE, province_id=campaign.province_id
    )
    shared: set[int] = set()
    if unit.tree == Tree.CURRENT:
        if unit.level == Level.COMMUNE:
            current = current.filter(pk=unit.pk)
        elif unit.level == Level.PROVINCE:
            current = current.filter(province_id=unit.pk, valid_to__isnull=True)
        else:
            current = current.none()
    else:
        legacy = list(
            AdminUnit.objects.filter(
                unit.subtree_filter(), tree=Tree.LEGACY, level=Level.COMMUNE
            ).values_list("pk", flat=True)
        )
        primary = Succession.objects.filter(is_primary=True, predecessor__tree=Tree.LEGACY)
        successors = set(primary.filter(predecessor_id__in=legacy).values_list("successor_id", flat=True))
        current = current.filter(pk__in=successors)
        shared = set(
            primary.filter(successor_id__in=successors, predecessor__level=Level.COMMUNE)
            .exclude(predecessor_id__in=legacy)
            .values_list("successor_id", flat=True)
        )
    communes = list(current.filter(scope_q(user, province="province", commune="commune")).order_by("code"))
    return communes, shared


def _period_transitions(campaign: Campaign) -> QuerySet[StatusTransition]:
    return StatusTransition.objects.filter(
        Q(review_link__campaign=campaign)
        | Q(
            review_link__isnull=True,
            kind__in=OTHER_KINDS,
            effective_on__gte=campaign.starts_on,
            effective_on__lte=campaign.ends_on,
        )
    )


def _status_when(outcome_field: str) -> Case:
    return Case(
        *[When(**{outcome_field: outcome}, then=Value(status)) for outcome, status in OUTCOME_STATUS.items()],
        default=Value(None),
        output_field=CharField(),
    )


def report_households(campaign: Campaign, commune_ids: Iterable[int]) -> QuerySet[Household]:
    """The unit's households annotated with `start_status`, `end_status` and `used_assessment`."""
    case = ReviewCase.objects.filter(campaign=campaign, household=OuterRef("pk")).order_by()
    history = StatusTransition.objects.filter(household=OuterRef("pk"))
    before = history.filter(effective_on__lt=campaign.starts_on).exclude(review_link__campaign=campaign)
    period_other = _period_transitions(campaign).filter(household=OuterRef("pk"), kind__in=OTHER_KINDS)
    start = Coalesce(
        Subquery(case.values("status_before")[:1]),
        Subquery(before.order_by("-effective_on", "-id").values("to_status")[:1]),
        Subquery(history.order_by("effective_on", "id").values("from_status")[:1]),
        F("status"),
        output_field=CharField(),
    )
    return (
        Household.objects.filter(commune_id__in=list(commune_ids))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=campaign.starts_on))
        .annotate(
            start_status=start,
            decided_outcome=Subquery(case.filter(step=Step.DECIDED).values("outcome")[:1]),
            case_assessment=Subquery(case.values("assessment_id")[:1]),
        )
        .annotate(
            end_status=Case(
                When(closed_on__lte=campaign.ends_on, then=Value("closed")),
                default=Coalesce(
                    Subquery(period_other.order_by("-effective_on", "-id").values("to_status")[:1]),
                    _status_when("decided_outcome"),
                    F("start_status"),
                    output_field=CharField(),
                ),
                output_field=CharField(),
            ),
            used_assessment=Coalesce(
                F("case_assessment"), F("latest_assessment_id"), output_field=BigIntegerField()
            ),
        )
    )


def _movements(
    campaign: Campaign, communes: list[AdminUnit], status_counts: dict[tuple[int, str, str], int]
) -> tuple[Movement, Movement]:
    ids = [commune.pk for commune in communes]
    grouped = (
        _period_transitions(campaign)
        .filter(household__commune_id__in=ids)
        .filter(Q(household__closed_on__isnull=True) | Q(household__closed_on__gte=campaign.starts_on))
        .values("household__commune_id", "kind", "from_status", "to_status")
        .annotate(n=Count("id"))
    )
    transitions: list[tuple[Any, str, str, str, int]] = [
        (row["household__commune_id"], row["kind"], row["from_status"], row["to_status"], row["n"])
        for row in grouped
    ]
    tables = []
    for status, spec in ((POOR, POOR_MOVEMENT), (NEAR_POOR, NEAR_POOR_MOVEMENT)):
        rows = {commune.pk: MovementRow(commune.name) for commune in communes}
        for (commune_id, start, end), n in status_counts.items():
            if start == status:
                rows[commune_id].start += n
            if end == status:
                rows[commune_id].end += n
        for commune_id, kind, before, after, n in transitions:
            if before == after:
                continue
            for column in spec:
                leaves, enters = before == status, after == status
                if kind in column.kinds and ((column.sign < 0 and leaves) or (column.sign > 0 and enters)):
                    row = rows[commune_id]
                    row.columns[column.key] = row.columns.get(column.key, 0) + n
        total = MovementRow(str(TOTAL_LABEL))
        for row in rows.values():
            total.start += row.start
            total.end += row.end
            for key, n in row.columns.items():
                total.columns[key] = total.columns.get(key, 0) + n
        tables.append(Movement(spec, [rows[commune.pk] for commune in communes], total))
    return tables[0], tables[1]


def campaign_report(user: Any, campaign: Campaign, unit: AdminUnit) -> CampaignReport:
    """All tables of a campaign for a unit, restricted to the user's area.

    A fixed, small number of queries whatever the number of households: the communes, the kept counts
    brought up to date and read (`report_counts`: households by commune, start and end status, flags and
    deprivations, and the persons by commune) and the period's transitions by commune and kind.
    """
    communes, shared = report_communes(user, campaign, unit)
    ids = [commune.pk for commune in communes]
    indicators = [
        (indicator.key, indicator.name_vi) for indicator in load_standard(campaign.standard).indicators
    ]
    keys = [key for key, _name in indicators]

    status_counts: dict[tuple[int, str, str], int] = {}
    summary = {commune.pk: SummaryRow(commune.name) for commune in communes}
    ethnic = {commune.pk: EthnicRow(commune.name) for commune in communes}
    profile = {commune.pk: DeprivationRow(commune.name) for commune in communes}
    groups, persons = campaign_counts(campaign, ids, keys)
    for row in groups:
        commune_id, start, end, n = row.commune_id, row.start_status, row.end_status, row.households
        key = (commune_id, start, end)
        status_counts[key] = status_counts.get(key, 0) + n
        if end in (POOR, NEAR_POOR):
            commune_profile = profile[commune_id]
            counts = commune_profile.poor if end == POOR else commune_profile.near_poor
            for indicator_key in keys:
                counts[indicator_key] = counts.get(indicator_key, 0) + row.lacks[indicator_key]
        if end == "closed":
            continue
        line, ethnic_line = summary[commune_id], ethnic[commune_id]
        line.households += n
        ethnic_line.households += n
        line.poor += n if end == POOR else 0
        line.near_poor += n if end == NEAR_POOR else 0
        line.average_agricultural += n if row.average_agricultural and end not in (POOR, NEAR_POOR) else 0
        ethnic_line.poor += n if end == POOR else 0
        ethnic_line.near_poor += n if end == NEAR_POOR else 0
        if row.is_ethnic_minority:
            ethnic_line.minority_households += n
            ethnic_line.minority_poor += n if end == POOR else 0
            ethnic_line.minority_near_poor += n if end == NEAR_POOR else 0

    for commune_id, people in persons.items():
        summary[commune_id].persons = people

    poor, near_poor = _movements(campaign, communes, status_counts)
    return CampaignReport(
        campaign=campaign,
        unit=unit,
        communes=communes,
        shared_communes=shared & set(ids),
        summary=list(summary.values()),
        summary_total=_sum_rows(SummaryRow(str(TOTAL_LABEL)), summary.values()),
        poor=poor,
        near_poor=near_poor,
        indicators=indicators,
        deprivation=list(profile.values()),
        deprivation_total=_sum_profile(profile.values(), [key for key, _name in indicators]),
        ethnic=list(ethnic.values()),
        ethnic_total=_sum_rows(EthnicRow(str(TOTAL_LABEL)), ethnic.values()),
    )


def _sum_rows[T: (SummaryRow, EthnicRow)](total: T, rows: Iterable[T]) -> T:
    names = [name for name in vars(total) if name != "label"]
    for row in rows:
        for name in names:
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return total


def _sum_profile(rows: Iterable[DeprivationRow], keys: list[str]) -> DeprivationRow:
    total = DeprivationRow(str(TOTAL_LABEL), dict.fromkeys(keys, 0), dict.fromkeys(keys, 0))
    for row in rows:
        for key in keys:
            total.poor[key] += row.poor.get(key, 0)
            total.near_poor[key] += row.near_poor.get(key, 0)
    return total
