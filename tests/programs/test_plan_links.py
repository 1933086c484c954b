"""The one check of plan links (project, budget line, task) used by works, activities and support."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.programs.catalogue import catalogue_load
from giamngheo.programs.links import plan_links_check
from giamngheo.programs.models import Program
from giamngheo.programs.services.plans import plan_create, plan_project_add
from giamngheo.works.services.works import work_create

HUE, SON_LA = 1, 2


def _item(plan_id: int, province_id: int, commune_id: int | None = None) -> SimpleNamespace:
    return SimpleNamespace(plan=SimpleNamespace(pk=plan_id, province_id=province_id, commune_id=commune_id))


def test_links_of_one_plan_of_the_province_pass():
    plan = 10
    links = {"plan_project": _item(plan, HUE), "budget_line": _item(plan, HUE), "task": None}
    plan_links_check(links, province_id=HUE)
    plan_links_check({}, province_id=HUE)


@pytest.mark.parametrize("field", ["plan_project", "budget_line", "task"])
def test_a_link_of_another_province_names_its_field(field):
    with pytest.raises(AppError) as error:
        plan_links_check({field: _item(10, SON_LA)}, province_id=HUE)
    assert (error.value.code, error.value.field) == (ErrorCode.PLAN_LINK_OTHER_PLACE, field)


def test_a_communes_plan_only_for_that_commune():
    commune_plan = {"budget_line": _item(10, HUE, commune_id=5)}
    plan_links_check(commune_plan, province_id=HUE, communes={5})
    plan_links_check(commune_plan, province_id=HUE, communes={4, 5})
    for communes in (set(), {4}):
        with pytest.raises(AppError) as error:
            plan_links_check(commune_plan, province_id=HUE, communes=communes)
        assert error.value.code == ErrorCode.PLAN_LINK_OTHER_PLACE


def test_links_of_two_plans_are_refused():
    with pytest.raises(AppError) as error:
        plan_links_check({"plan_project": _item(10, HUE), "task": _item(11, HUE)}, province_id=HUE)
    assert (error.value.code, error.value.field) == (ErrorCode.PLAN_LINKS_MIXED, "task")


@pytest.mark.django_db
def test_a_work_takes_a_project_of_its_own_communes_plan_only(
    province_officer, officer_a, commune_a, commune_b
):
    catalogue_load()
    program = Program.objects.get(code="gnbv-2021-2025")

    def project_of(unit):
        plan = plan_create(
            actor=province_officer, program=program, unit=unit, kind="annual", start_year=2025,
            end_year=2025, number=f"{unit.code}/KH-UBND", issuer="UBND", title="Kế hoạch 2025",
        )  # fmt: skip
        return plan_project_add(
            actor=province_officer, plan=plan, local_number="1", local_name="Hạ tầng", component_code="P1"
        )

    own, other = project_of(commune_a), project_of(commune_b)
    work = work_create(actor=officer_a, commune=commune_a, name="Cầu", kind="bridge", plan_project=own)
    assert work.plan_project == own
    with pytest.raises(AppError) as error:
        work_create(actor=officer_a, commune=commune_a, name="Cống", kind="bridge", plan_project=other)
    assert (error.value.code, error.value.field) == (ErrorCode.PLAN_LINK_OTHER_PLACE, "plan_project")
