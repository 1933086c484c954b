"""What each role's home page holds: the area's figures and charts, and the queue of work of each role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from giamngheo.accounts.access import assignments_of
from giamngheo.accounts.roles import Role
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.monitoring.figures import reports_due, yearly_values
from giamngheo.programs import figures as plan_figures
from giamngheo.registry import figures as registry_figures
from giamngheo.reviews.queue import CampaignQueue, decisions_to_sign, open_campaign_queues, open_requests
from giamngheo.support import figures as support_figures
from giamngheo.support.selectors import lists_for_user
from giamngheo.workspace.charts import BarChart, bar_chart, percent_text

YEARS_SHOWN = 5  # years of history in the trend charts
PLACES_SHOWN = 15  # places in the chart by commune or village (those with the highest poverty rate)
QUEUE_SHOWN = 8  # rows of a work list before «xem tất cả»
SURVEY_LIST_SHOWN = 30  # households listed for a village reviewer

# The sections each role adds to the home page, in the order shown.
ROLE_SECTIONS: dict[str, tuple[str, ...]] = {
    Role.COMMUNE_OFFICER: ("campaign", "survey", "requests", "quality", "support", "reports"),
    Role.COMMUNE_CHAIR: ("decisions", "requests", "reports"),
    Role.VILLAGE_REVIEWER: ("village",),
    Role.PROVINCE_OFFICER: ("progress", "targets", "reports", "tasks"),
    Role.AGENCY_OFFICER: ("my_tasks", "lists"),
    Role.OVERSIGHT_VIEWER: ("progress", "targets", "reports"),
    Role.SYSTEM_ADMIN: ("progress", "targets", "reports", "tasks"),
}


def sections_for(user: Any) -> list[str]:
    """The sections of every role the user holds, each once, in role order."""
    roles = sorted({a.role for a in assignments_of(user)}, key=list(ROLE_SECTIONS).index)
    chosen: list[str] = []
    for role in roles:
        chosen += [name for name in ROLE_SECTIONS.get(role, ()) if name not in chosen]
    return chosen


def quality_communes(user: Any) -> list[AdminUnit]:
    """The communes of the user's assignments in a role whose home shows the data-quality section."""
    units = {
        a.unit.pk: a.unit
        for a in assignments_of(user)
        if a.unit is not None and a.unit.level == Level.COMMUNE and "quality" in ROLE_SECTIONS.get(a.role, ())
    }
    return sorted(units.values(), key=lambda unit: unit.name)


@dataclass
class AreaFigures:
    """Key numbers of the user's area and the charts drawn from them."""

    totals: registry_figures.PlaceCounts
    charts: list[BarChart] = field(default_factory=list)


def area_unit(user: Any) -> AdminUnit | None:
    """The one unit the user's assignments cover, when there is exactly one (for stored yearly values)."""
    units = {a.unit.pk: a.unit for a in assignments_of(user) if a.unit is not None}
    national = any(a.unit_id is None for a in assignments_of(user))
    return next(iter(units.values())) if len(units) == 1 and not national else None


def area_figures(user: Any, today: dt.date) -> AreaFigures:
    """Households and rates of the area, rates by place and by year, movements in and out (three queries)."""
    wide = any(a.unit is None or a.unit.level == Level.PROVINCE for a in assignments_of(user))
    places = registry_figures.status_counts_by_place(user, by="commune" if wide else "village")
    totals = registry_figures.area_totals(places)
    figures = AreaFigures(totals)
    ranked = sorted(places, key=lambda row: (-(row.poverty_rate or 0), row.name))[:PLACES_SHOWN]
    place_word = _("xã") if wide else _("thôn")
    figures.charts.append(
        bar_chart(
            "chart-places",
            _("Tỷ lệ hộ nghèo, cận nghèo theo %(place)s") % {"place": place_word},
            (_("Tỷ lệ hộ nghèo"), _("Tỷ lệ hộ cận nghèo")),
            [(row.name, (row.poverty_rate, row.near_poverty_rate)) for row in ranked],
            text=percent_text,
            note=_("%(shown)s trên %(count)s %(place)s, tỷ lệ hộ nghèo cao nhất trước; theo sổ hộ hiện tại.")
            % {"shown": len(ranked), "count": len(places), "place": place_word},
        )
    )
    first_year = today.year - YEARS_SHOWN + 1
    unit = area_unit(user)
    stored = (
        yearly_values(
            unit, ("poverty_rate", "near_poverty_rate"), first_year=first_year, last_year=today.year - 1
        )
        if unit is not None
        else {"poverty_rate": {}, "near_poverty_rate": {}}
    )
    years = [
        (str(year), (stored["poverty_rate"].get(year), stored["near_poverty_rate"].get(year)))
        for year in range(first_year, today.year)
        if year in stored["poverty_rate"] or year in stored["near_poverty_rate"]
    ]
    years.append((str(today.year), (totals.poverty_rate, totals.near_poverty_rate)))
    figures.charts.append(
        bar_chart(
            "chart-years",
            _("Tỷ lệ hộ nghèo, cận nghèo theo năm"),
            (_("Tỷ lệ hộ nghèo"), _("Tỷ lệ hộ cận nghèo")),
            years,
            text=percent_text,
            note=_(
                "Các năm trước: số liệu đã nhập hoặc đã chốt trong báo cáo năm "
                "(năm chưa có số liệu không vẽ); năm nay: theo sổ hộ hiện tại."
            ),
        )
    )
    movements = registry_figures.movements_by_year(user, first_year=first_year, last_year=today.year)
    figures.charts.append(
        bar_chart(
            "chart-movements",
            _("Biến động hộ nghèo, cận nghèo theo năm"),
            (_("Phát sinh mới, tái nghèo"), _("Thoát nghèo, thoát cận nghèo")),
            [(str(row.year), (row.moved_in, row.moved_out)) for row in movements],
            note=_("Số hộ theo ngày hiệu lực của quyết định công nhận."),
        )
    )
    return figures


def survey_since(queues: list[CampaignQueue], today: dt.date) -> dt.date:
    """The start of this review period: the open campaign's start, else 1 January."""
    starts = [queue.campaign.starts_on for queue in queues if queue.campaign.starts_on <= today]
    return max(starts) if starts else dt.date(today.year, 1, 1)


def queue_context(user: Any, names: list[str], today: dt.date) -> dict[str, Any]:
    """The data of the chosen sections: a section's queries run only when one of the user's roles shows it."""
    context: dict[str, Any] = {"sections": names}
    needs_campaign = {"campaign", "decisions", "progress", "survey", "village"} & set(names)
    queues = open_campaign_queues(user, today, limit=1) if needs_campaign else []
    context["queues"] = queues
    if "decisions" in names:
        context["decisions"] = decisions_to_sign(queues, today)
    if {"survey", "village"} & set(names):
        since = survey_since(queues, today)
        to_survey = registry_figures.households_to_survey(user, since=since)
        shown = SURVEY_LIST_SHOWN if "village" in names else QUEUE_SHOWN
        context["survey"] = {"since": since, "rows": list(to_survey[:shown]), "count": to_survey.count()}
    if "requests" in names:
        rows, count, overdue = open_requests(user, today, limit=QUEUE_SHOWN)
        context["requests"] = {"rows": rows, "count": count, "overdue": overdue}
    if "support" in names:
        context["support"] = {
            "without_plan": support_figures.households_without_plan(user, year=today.year).count(),
            "without_visit": support_figures.plans_without_visit(user, year=today.year).count(),
        }
    if "reports" in names:
        reports, count, overdue = reports_due(user, today=today, limit=QUEUE_SHOWN)
        context["reports"] = {"rows": reports, "count": count, "overdue": overdue}
    for key, own in (("tasks", False), ("my_tasks", True)):
        if key in names:
            tasks = plan_figures.open_tasks(user, own=own)
            context[key] = {
                "rows": list(tasks[:QUEUE_SHOWN]),
                "count": tasks.count(),
                "overdue": plan_figures.overdue(tasks, today).count(),
            }
    if "lists" in names:
        context["lists"] = list(lists_for_user(user).order_by("-pk")[:QUEUE_SHOWN])
    if "targets" in names:
        context["plan"] = plan_figures.current_plan(user, year=today.year)
    if "progress" in names and queues:
        queue = queues[0]
        ranked = sorted(queue.rows, key=lambda row: (row.decided_percent, row.commune.name))
        context["progress_chart"] = bar_chart(
            "chart-progress",
            _("Tiến độ rà soát: tỷ lệ hộ đã có quyết định công nhận"),
            (_("Đã có quyết định"),),
            [(row.commune.name, (row.decided_percent,)) for row in ranked[:PLACES_SHOWN]],
            text=lambda value: "—" if value is None else f"{value}%",
            note=_("%(shown)s xã chậm nhất trên %(count)s xã của đợt.")
            % {"shown": min(len(ranked), PLACES_SHOWN), "count": len(ranked)},
        )
    return context
