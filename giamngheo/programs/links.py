"""What other apps' rows link to in a plan: the project, budget line and task fields, and their one check."""

from __future__ import annotations

from collections.abc import Collection

from django.db import models
from django.utils.translation import gettext_lazy as _

from giamngheo.core.errors import AppError, ErrorCode

LINK_FIELDS = ("plan_project", "budget_line", "task")


class PlanLinks(models.Model):
    """A row carried out under a plan: optionally one of its projects, budget lines and tasks."""

    plan_project = models.ForeignKey(
        "programs.PlanProject",
        verbose_name=_("dự án của kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    budget_line = models.ForeignKey(
        "programs.BudgetLine",
        verbose_name=_("dòng kinh phí"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    task = models.ForeignKey(
        "programs.Task",
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True


def plan_links_check(
    links: dict[str, object], *, province_id: int | None, communes: Collection[int] = ()
) -> None:
    """The project, budget line and task named in `links` are of one plan of the row's province; a commune's
    plan only for a row of that commune (`communes`: the row's commune ids, none for a province's row)."""
    plans = set()
    for name in LINK_FIELDS:
        item = links.get(name)
        if item is None:
            continue
        plan = item.plan  # type: ignore[attr-defined]
        other_commune = plan.commune_id is not None and plan.commune_id not in communes
        if plan.province_id != province_id or other_commune:
            raise AppError(ErrorCode.PLAN_LINK_OTHER_PLACE, field=name)
        plans.add(plan.pk)
    if len(plans) > 1:
        raise AppError(ErrorCode.PLAN_LINKS_MIXED, field="task" if links.get("task") else "budget_line")
