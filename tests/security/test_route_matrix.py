"""Every route and API operation, tried as users who must not reach commune A's objects: never 200 or 5xx.

Each URL name (and each API operation id) has an entry saying which fixture object fills its arguments and
whose area that object lies in. A route without an entry fails `test_every_route_has_an_entry`, so a new
route is covered the day it is added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db.models import Sum
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from giamngheo.accounts.models import ApiToken, User
from giamngheo.accounts.roles import Role
from giamngheo.accounts.services import api_token_create
from giamngheo.activities.services.oversight import inspection_create, recommendation_add
from giamngheo.activities.services.registers import commendation_create, communication_create, donation_create
from giamngheo.activities.services.training import attendance_set, officer_course_create, officer_create
from giamngheo.api.models import ServiceToken
from giamngheo.api.scopes import Scope
from giamngheo.api.tokens import service_token_create
from giamngheo.api.urls import api
from giamngheo.areas.services import village_create
from giamngheo.core.models import AuditEvent
from giamngheo.core.services import period_get_or_create
from giamngheo.jobs.services.abroad import abroad_worker_register
from giamngheo.jobs.services.attendance import attendance_record, session_add
from giamngheo.jobs.services.events import event_attend, job_event_create
from giamngheo.jobs.services.labour import labour_survey_record
from giamngheo.jobs.services.placements import employer_create, referral_create, vacancy_create
from giamngheo.jobs.services.training import course_create, enrolment_create
from giamngheo.monitoring import services as monitoring
from giamngheo.monitoring.models import Report
from giamngheo.programs.catalogue import catalogue_load, indicator_catalogue_load
from giamngheo.programs.models import Program
from giamngheo.programs.services import plan_create, task_add
from giamngheo.registry.models import AnnualRun, ExportJob, Household, ImportBatch, Member, StatusTransition
from giamngheo.registry.services import household_register, member_add
from giamngheo.reviews.models import Objection, ReviewCase, ReviewRequest, Submission
from giamngheo.reviews.services import campaign_create, cases_list
from giamngheo.support.catalogue import poverty_causes_load, support_catalogue_load
from giamngheo.support.models import HousingCase, SupportType
from giamngheo.support.services.lists import beneficiary_list_propose
from giamngheo.support.services.plans import household_plan_create
from giamngheo.support.services.records import support_record_add
from giamngheo.works.services.livelihood import model_create, participant_add
from giamngheo.works.services.works import work_create, work_progress_record
from tests.fixtures.people import client_for, make_user
from tests.fixtures.registry import COMFORTABLE_HOUSEHOLD
from tests.fixtures.reviews import survey

pytestmark = pytest.mark.django_db

SECRET_NAME = "Hồ Văn Bímật"
SECRET_ID = "046080999123"

# Whose area an object lies in: commune A's village, commune A, the province of Huế; a list page
# (open to everyone signed in, must not show commune A's data to outsiders); the owner's own object;
# public pages.
VILLAGE, COMMUNE, PROVINCE, LIST, OWNER, PUBLIC = "village", "commune", "province", "list", "owner", "public"


@dataclass(frozen=True)
class Entry:
    scope: str
    args: dict[str, str] = field(default_factory=dict)  # URL argument → key of the objects fixture
    write: bool = False  # the route changes data on POST (or PUT/PATCH/DELETE in the API)
    body: dict[str, Any] = field(default_factory=dict)


H, M = {"household_id": "household"}, {"household_id": "household", "member_id": "member"}
CAMPAIGN = {"campaign_id": "campaign"}
CAMPAIGN_COMMUNE = {"campaign_id": "campaign", "commune_id": "commune"}
CAMPAIGN_VILLAGE = {**CAMPAIGN_COMMUNE, "village_id": "village"}
PLAN = {"plan_id": "plan"}
SUPPORT_LIST, RECORD, HOUSING = (
    {"list_id": "support_list"},
    {"record_id": "support_record"},
    {"case_id": "housing"},
)
SUPPORT_PLAN = {"support_plan_id": "support_plan"}
VACANCY, REFERRAL, COURSE = {"vacancy_id": "vacancy"}, {"referral_id": "referral"}, {"course_id": "course"}
JOB_EVENT, SESSION = {"event_id": "job_event"}, {"course_id": "course", "session_id": "course_session"}
ACT_REGISTERS = ("communication", "courses", "officers", "inspections", "commendations", "donations")
ACT_COURSE, ACT_INSPECTION = {"pk": "act_courses"}, {"pk": "act_inspections"}
ACT_EDITS = {
    "communication": {
        "kind": "leaflet",
        "title": "Lạ",
        "held_on": "2026-11-01",
        "reach": "1",
        "reach_poor": "0",
    },
    "officers": {"full_name": "Kẻ Lạ", "is_active": "on"},
    "donations": {"donor": "Lạ", "donated_on": "2026-11-01", "amount": "1"},
}
WORK, MODEL = {"work_id": "work"}, {"model_id": "livelihood_model"}

PAGES: dict[str, Entry] = {
    ":healthz": Entry(PUBLIC),
    ":set_language": Entry(PUBLIC),
    "accounts:login": Entry(PUBLIC),
    "accounts:logout": Entry(PUBLIC),
    "accounts:profile": Entry(LIST),
    "accounts:token_revoke": Entry(OWNER, {"token_id": "token"}, write=True),
    "accounts:user_list": Entry(LIST),
    "accounts:user_create": Entry(LIST),
    "accounts:user_detail": Entry(COMMUNE, {"user_id": "officer"}, write=True, body={"full_name": "X"}),
    "accounts:assignment_revoke": Entry(COMMUNE, {"assignment_id": "assignment"}, write=True),
    "accounts:audit": Entry(LIST),
    "service_tokens:list": Entry(LIST),
    "service_tokens:revoke": Entry(PROVINCE, {"token_id": "service_token"}, write=True),
    "registry:list": Entry(LIST),
    "registry:xlsform": Entry(LIST),
    "registry:analyst": Entry(LIST),
    "registry:odk_import": Entry(LIST),
    "registry:odk_central_pull": Entry(LIST, write=True),
    "registry:export": Entry(LIST),
    "registry:export_job": Entry(OWNER, {"job_id": "export_job"}),
    "registry:annual_runs": Entry(LIST, write=True),
    "registry:annual_run": Entry(PROVINCE, {"run_id": "annual_run"}),
    "registry:export_job_download": Entry(OWNER, {"job_id": "export_job"}),
    "registry:register_start": Entry(LIST),
    "registry:import": Entry(LIST),
    "registry:import_template": Entry(LIST),
    "registry:import_batch": Entry(COMMUNE, {"batch_id": "import_batch"}),
    "registry:import_confirm": Entry(COMMUNE, {"batch_id": "import_batch"}, write=True),
    "registry:import_errors": Entry(COMMUNE, {"batch_id": "import_batch"}),
    "registry:import_prefilled": Entry(COMMUNE, {"commune_id": "commune"}),
    "registry:register": Entry(
        COMMUNE,
        {"commune_id": "commune"},
        write=True,
        body={
            "residence": "permanent",
            "full_name": "Kẻ Lạ",
            "birth_year": 1990,
            "sex": "male",
            "ethnicity": "01",
        },
    ),
    "registry:household": Entry(VILLAGE, H),
    "registry:place": Entry(
        VILLAGE, H, write=True, body={"residence": "permanent", "address": "X", "version": 0}
    ),
    "registry:survey": Entry(VILLAGE, H, write=True),
    "registry:split": Entry(VILLAGE, H, write=True),
    "registry:merge": Entry(VILLAGE, H, write=True, body={"target_code": "x", "on": "1/10/2026"}),
    "registry:close": Entry(VILLAGE, H, write=True, body={"reason": "moved_away", "on": "1/10/2026"}),
    "registry:member_add": Entry(
        VILLAGE,
        H,
        write=True,
        body={"full_name": "Kẻ Lạ", "birth_year": 2010, "sex": "male", "relation": "child"},
    ),
    "registry:member_edit": Entry(VILLAGE, M, write=True, body={"full_name": "Kẻ Lạ"}),
    "registry:member_leave": Entry(VILLAGE, M, write=True, body={"reason": "died", "on": "1/10/2026"}),
    "registry:certificate": Entry(VILLAGE, H),
    "registry:quality": Entry(LIST),
    "reviews:list": Entry(LIST),
    "reviews:campaign": Entry(PROVINCE, CAMPAIGN),
    "reviews:close": Entry(PROVINCE, CAMPAIGN, write=True),
    "reviews:submission_review": Entry(
        COMMUNE, {"campaign_id": "campaign", "submission_id": "submission"}, write=True
    ),
    "reviews:submission_district": Entry(
        COMMUNE, {"campaign_id": "campaign", "submission_id": "submission"}, write=True
    ),
    "reviews:commune": Entry(COMMUNE, CAMPAIGN_COMMUNE),
    "reviews:commune_list": Entry(COMMUNE, CAMPAIGN_COMMUNE, write=True),
    "reviews:commune_collect": Entry(COMMUNE, CAMPAIGN_COMMUNE, write=True),
    "reviews:commune_decision": Entry(COMMUNE, CAMPAIGN_COMMUNE, write=True),
    "reviews:commune_confirm_unchanged": Entry(COMMUNE, CAMPAIGN_COMMUNE, write=True),
    "reviews:commune_submit": Entry(COMMUNE, CAMPAIGN_COMMUNE, write=True),
    "reviews:decision_print": Entry(COMMUNE, {**CAMPAIGN_COMMUNE, "file_format": "pdf"}),
    "reviews:village_meeting": Entry(VILLAGE, CAMPAIGN_VILLAGE, write=True),
    "reviews:village_posting": Entry(VILLAGE, CAMPAIGN_VILLAGE, write=True),
    "reviews:posting_print": Entry(VILLAGE, CAMPAIGN_VILLAGE),
    "reviews:case_objection": Entry(COMMUNE, {**CAMPAIGN_COMMUNE, "case_id": "case"}, write=True),
    "reviews:objection_answer": Entry(COMMUNE, {**CAMPAIGN_COMMUNE, "objection_id": "objection"}, write=True),
    "reviews:report": Entry(PROVINCE, CAMPAIGN),
    "reviews:requests": Entry(LIST),
    "reviews:my_households": Entry(LIST),
    "programs:list": Entry(LIST),
    "programs:detail": Entry(PROVINCE, PLAN),
    "programs:task_status": Entry(PROVINCE, {"plan_id": "plan", "task_id": "task"}, write=True),
    "programs:create": Entry(LIST),
    "programs:import_template": Entry(LIST),
    "programs:edit": Entry(PROVINCE, PLAN, write=True),
    "programs:edit_targets": Entry(PROVINCE, PLAN, write=True),
    "programs:edit_allocation": Entry(PROVINCE, PLAN, write=True),
    "programs:edit_budget": Entry(PROVINCE, PLAN, write=True),
    "programs:edit_tasks": Entry(PROVINCE, PLAN, write=True),
    "programs:edit_calendar": Entry(PROVINCE, PLAN, write=True),
    "programs:import": Entry(PROVINCE, PLAN, write=True),
    "programs:budget": Entry(PROVINCE, PLAN, write=True),
    "programs:budget_periods_xlsx": Entry(PROVINCE, PLAN),
    "programs:my_tasks": Entry(LIST),
    "programs:agencies": Entry(LIST),
    "programs:agency": Entry(PROVINCE, {"agency_id": "agency"}, write=True, body={"username": "xa_a"}),
    "monitoring:indicator_list": Entry(LIST),
    "monitoring:whatif": Entry(LIST),
    "monitoring:dhis2": Entry(LIST),
    "monitoring:round_list": Entry(LIST),
    "monitoring:round_detail": Entry(PROVINCE, {"round_id": "round"}),
    "monitoring:round_export": Entry(PROVINCE, {"round_id": "round"}),
    "monitoring:report_detail": Entry(COMMUNE, {"report_id": "report"}),
    "monitoring:report_action": Entry(
        COMMUNE, {"report_id": "report", "action": "submit_action"}, write=True
    ),
    "monitoring:report_xlsx": Entry(COMMUNE, {"report_id": "report"}),
    "monitoring:report_pdf": Entry(COMMUNE, {"report_id": "report"}),
    "monitoring:report_document": Entry(
        COMMUNE, {"report_id": "report", "form": "bieu-01", "file_format": "xlsx"}
    ),
    "monitoring:plan_results": Entry(PROVINCE, PLAN),
    "support:lists": Entry(LIST),
    "support:catalogue": Entry(LIST),
    "support:list_propose": Entry(LIST),
    "support:list_import": Entry(LIST),
    "support:list": Entry(COMMUNE, SUPPORT_LIST),
    "support:entry_update": Entry(
        COMMUNE,
        {**SUPPORT_LIST, "entry_id": "support_entry"},
        write=True,
        body={"selected": "on", "amount": "1"},
    ),
    "support:list_approve": Entry(
        COMMUNE,
        SUPPORT_LIST,
        write=True,
        body={"decision_number": "1", "decided_on": "2026-11-20", "version": 1},
    ),
    "support:list_cancel": Entry(COMMUNE, SUPPORT_LIST, write=True, body={"version": 1}),
    "support:list_payment": Entry(COMMUNE, {**SUPPORT_LIST, "file_format": "pdf"}),
    "support:ledger": Entry(LIST),
    "support:record": Entry(VILLAGE, RECORD),
    "support:record_deliver": Entry(VILLAGE, RECORD, write=True, body={"on": "2026-11-20"}),
    "support:record_cancel": Entry(VILLAGE, RECORD, write=True, body={"reason": "Lạ"}),
    "support:housing_index": Entry(LIST),
    "support:housing": Entry(VILLAGE, HOUSING),
    "support:housing_approve": Entry(
        VILLAGE, HOUSING, write=True, body={"decision_number": "1", "decided_on": "2026-11-20", "version": 1}
    ),
    "support:housing_progress": Entry(
        VILLAGE, HOUSING, write=True, body={"stage": "started", "on": "2026-11-20", "version": 1}
    ),
    "support:housing_accept": Entry(
        VILLAGE, HOUSING, write=True, body={"on": "2026-11-20", "floor_area_m2": "40", "version": 1}
    ),
    "support:housing_cancel": Entry(VILLAGE, HOUSING, write=True, body={"reason": "Lạ", "version": 1}),
    "support:household_panel": Entry(VILLAGE, H),
    "support:plan": Entry(
        VILLAGE, {**H, "year": "year"}, write=True, body={"helper_name": "Kẻ Lạ", "other_cause": "Lạ"}
    ),
    "support:housing_open": Entry(VILLAGE, H, write=True, body={"work": "new", "year": 2026}),
    "support:plan_visit": Entry(
        VILLAGE,
        {"plan_id": "support_plan"},
        write=True,
        body={"visited_on": "2026-11-01", "visitor": "X", "note": "X"},
    ),
    "support:appendix": Entry(COMMUNE, {"commune_id": "commune", "year": "year", "file_format": "pdf"}),
    "workspace:home": Entry(LIST),
    "workspace:quality": Entry(LIST),
    "areas:switch_area": Entry(LIST),
    "areas:search": Entry(LIST),
    "areas:unit": Entry(COMMUNE, {"unit_id": "commune"}),
    "areas:village_create": Entry(COMMUNE, {"unit_id": "commune"}, write=True, body={"name": "Thôn Lạ"}),
    "areas:village_close": Entry(VILLAGE, {"unit_id": "village"}, write=True),
    "areas:attribute_set": Entry(COMMUNE, {"unit_id": "commune"}, write=True),
    "areas:export_xlsx": Entry(COMMUNE, {"unit_id": "commune"}),
    "areas:export_csv": Entry(COMMUNE, {"unit_id": "commune"}),
    "jobs:register": Entry(LIST),
    "jobs:register_export": Entry(LIST),
    "jobs:survey_import": Entry(LIST, write=True),
    "jobs:member": Entry(VILLAGE, {"member_id": "member"}),
    "jobs:member_survey": Entry(
        VILLAGE,
        {"member_id": "member"},
        write=True,
        body={
            "surveyed_on": "2026-11-20",
            "employment": "unemployed",
            "qualification": "0",
            "wants_work": "on",
        },
    ),
    "jobs:abroad_register": Entry(
        VILLAGE,
        {"member_id": "member"},
        write=True,
        body={"country": "Lạ", "departed_on": "2026-11-01", "contract_ends_on": "2027-11-01"},
    ),
    "jobs:vacancies": Entry(LIST, write=True),
    "jobs:vacancy": Entry(PROVINCE, VACANCY),
    "jobs:vacancy_edit": Entry(
        PROVINCE,
        VACANCY,
        write=True,
        body={
            "position": "Lạ",
            "openings": 1,
            "age_min": 18,
            "age_max": 45,
            "qualification": 0,
            "deadline": "2030-12-31",
        },
    ),
    "jobs:refer": Entry(PROVINCE, VACANCY, write=True, body={"on": "2026-11-20"}),
    "jobs:referrals": Entry(LIST),
    "jobs:referrals_export": Entry(LIST),
    "jobs:referral": Entry(VILLAGE, REFERRAL),
    "jobs:referral_update": Entry(
        VILLAGE, REFERRAL, write=True, body={"step": "interview", "on": "2026-11-20"}
    ),
    "jobs:courses": Entry(LIST, write=True),
    "jobs:course": Entry(PROVINCE, COURSE),
    "jobs:enrol": Entry(PROVINCE, COURSE, write=True, body={"on": "2026-11-20"}),
    "jobs:complete": Entry(
        VILLAGE, {"enrolment_id": "enrolment"}, write=True, body={"completed_on": "2026-11-20"}
    ),
    "jobs:vacancy_import": Entry(LIST, write=True),
    "jobs:vacancy_import_template": Entry(LIST),
    "jobs:trainee_import": Entry(PROVINCE, COURSE, write=True),
    "jobs:trainee_import_template": Entry(LIST),
    "jobs:import_errors": Entry(LIST),
    "jobs:trainees_export": Entry(PROVINCE, COURSE),
    "jobs:session_create": Entry(PROVINCE, COURSE, write=True, body={"held_on": "2026-11-20"}),
    "jobs:session": Entry(PROVINCE, SESSION, write=True, body={"present": "1"}),
    "jobs:complete_by_attendance": Entry(PROVINCE, COURSE, write=True, body={"completed_on": "2026-11-20"}),
    "jobs:training_needs": Entry(LIST, write=True),
    "jobs:training_needs_export": Entry(LIST),
    "jobs:events": Entry(LIST, write=True),
    "jobs:events_export": Entry(LIST),
    "jobs:event": Entry(PROVINCE, JOB_EVENT),
    "jobs:event_attend": Entry(PROVINCE, JOB_EVENT, write=True, body={"walk_in_name": "Kẻ Lạ"}),
    "jobs:event_refer": Entry(PROVINCE, JOB_EVENT, write=True, body={"member": "1", "vacancy": "1"}),
    "jobs:abroad": Entry(LIST),
    "jobs:abroad_return": Entry(
        VILLAGE, {"worker_id": "abroad_worker"}, write=True, body={"on": "2026-11-20"}
    ),
    # Activity registers (issue 17): commune A's rows; list pages must not show them to outsiders.
    "activities:overview": Entry(LIST),
    "activities:recommendations_export": Entry(LIST),
    "activities:communication_import": Entry(LIST, write=True),
    "activities:attendance_add": Entry(
        COMMUNE, ACT_COURSE, write=True, body={"officer": "0", "attended": "on"}
    ),
    "activities:attendee_import": Entry(COMMUNE, ACT_COURSE, write=True),
    "activities:officers_from_users": Entry(LIST, write=True),
    "activities:recommendation_add": Entry(
        COMMUNE, ACT_INSPECTION, write=True, body={"content": "Lạ", "due_on": "2027-01-01"}
    ),
    "activities:follow_up": Entry(
        COMMUNE,
        {"recommendation_id": "act_recommendation"},
        write=True,
        body={"on": "2026-11-20", "action": "Lạ", "new_status": "done"},
    ),
    **{
        f"activities:{key}_{page}": Entry(LIST)
        for key in ACT_REGISTERS
        for page in ("list", "export", "export_csv")
    },
    **{f"activities:{key}_create": Entry(LIST, write=True) for key in ACT_REGISTERS},
    **{f"activities:{key}_detail": Entry(COMMUNE, {"pk": f"act_{key}"}) for key in ACT_REGISTERS},
    **{
        f"activities:{key}_edit": Entry(
            COMMUNE, {"pk": f"act_{key}"}, write=True, body=ACT_EDITS.get(key, {})
        )
        for key in ACT_REGISTERS
    },
    "works:works": Entry(LIST),
    "works:works_export": Entry(LIST),
    "works:work_create": Entry(LIST, write=True),
    "works:works_import": Entry(LIST, write=True),
    "works:works_import_errors": Entry(LIST),
    "works:map": Entry(LIST),
    "works:work": Entry(COMMUNE, WORK),
    "works:work_edit": Entry(COMMUNE, WORK, write=True, body={"name": "Lạ", "kind": "road"}),
    "works:work_progress": Entry(COMMUNE, WORK, write=True, body={"on": "2026-11-20", "percent": 90}),
    "works:work_maintenance": Entry(
        COMMUNE, WORK, write=True, body={"on": "2026-11-20", "description": "Lạ"}
    ),
    "works:models": Entry(LIST),
    "works:models_export": Entry(LIST),
    "works:model_create": Entry(LIST, write=True),
    "works:model": Entry(COMMUNE, MODEL),
    "works:model_edit": Entry(COMMUNE, MODEL, write=True, body={"name": "Lạ", "kind": "model"}),
    "works:participant_add": Entry(
        COMMUNE, MODEL, write=True, body={"household": 1, "joined_on": "2026-11-20"}
    ),
    "works:participants_import": Entry(COMMUNE, MODEL, write=True),
    "works:participants_import_errors": Entry(COMMUNE, MODEL),
    "works:participants_export": Entry(COMMUNE, MODEL),
    "works:model_evaluate": Entry(
        COMMUNE,
        MODEL,
        write=True,
        body={
            "evaluated_on": "2026-11-20",
            "evaluator": "Lạ",
            "economic": "X",
            "social": "X",
            "environmental": "X",
            "result": "not_effective",
        },
    ),
    # The API's own pages; its operations are in API_OPERATIONS.
    "api:openapi-json": Entry(PUBLIC),
    "api:openapi-view": Entry(PUBLIC),
    "api:api-root": Entry(PUBLIC),
}

REVIEW_CASE = {"review_case_id": "case"}
CAMPAIGN_VILLAGE_ONLY = {"campaign_id": "campaign", "village_id": "village"}
REVIEW_OPERATIONS: dict[str, Entry] = {
    "review_campaign_list": Entry(LIST),
    "review_campaign_detail": Entry(PROVINCE, CAMPAIGN),
    "review_campaign_progress": Entry(PROVINCE, CAMPAIGN),
    "review_case_list": Entry(COMMUNE, CAMPAIGN_COMMUNE),
    "review_case_detail": Entry(VILLAGE, REVIEW_CASE),
    "review_cases_list": Entry(COMMUNE, CAMPAIGN_COMMUNE, write=True),
    "review_cases_collect": Entry(COMMUNE, CAMPAIGN_COMMUNE, write=True),
    "review_cases_confirm": Entry(COMMUNE, CAMPAIGN_COMMUNE, write=True, body={"review_case_ids": [1]}),
    "review_meeting_record": Entry(
        VILLAGE,
        CAMPAIGN_VILLAGE_ONLY,
        write=True,
        body={
            "held_on": "2026-10-05",
            "attendees": 10,
            "chaired_by": "Lạ",
            "secretary": "Lạ",
            "minutes_base64": "JVBERi0=",
            "votes": [{"review_case_id": 1, "agree": 10}],
        },
    ),
    "review_posting_start": Entry(
        VILLAGE, CAMPAIGN_VILLAGE_ONLY, write=True, body={"starts_on": "2026-10-08"}
    ),
    "review_objection_record": Entry(
        VILLAGE,
        REVIEW_CASE,
        write=True,
        body={"version": 1, "lodged_by": "Lạ", "lodged_on": "2026-10-09", "content": "Lạ"},
    ),
    "review_objection_answer": Entry(
        VILLAGE, {"objection_id": "objection"}, write=True, body={"answer": "Lạ", "answered_on": "2026-10-10"}
    ),
    "review_request_list": Entry(LIST),
    "review_request_detail": Entry(VILLAGE, {"review_request_id": "review_request"}),
    "review_request_create": Entry(LIST, write=True),
}
REPORT = {"report_id": "report"}
REPORT_OPERATIONS: dict[str, Entry] = {
    "reporting_round_list": Entry(LIST),
    "reporting_round_detail": Entry(PROVINCE, {"reporting_round_id": "round"}),
    "report_list": Entry(LIST),
    "report_detail": Entry(COMMUNE, REPORT),
    "report_annotation_set": Entry(COMMUNE, REPORT, write=True, body={"version": 1, "summary": "Lạ"}),
    "report_value_set": Entry(
        COMMUNE, REPORT, write=True, body={"indicator": "workers_job_connected", "value": "1"}
    ),
    "report_submit": Entry(COMMUNE, REPORT, write=True, body={"version": 1}),
    "report_approve": Entry(COMMUNE, REPORT, write=True, body={"version": 1}),
    "report_return": Entry(COMMUNE, REPORT, write=True, body={"version": 1, "comment": "Lạ"}),
}

API_OPERATIONS: dict[str, Entry] = {
    "unit_list": Entry(LIST),
    "unit_detail": Entry(COMMUNE, {"unit_id": "commune"}),
    "unit_succession": Entry(COMMUNE, {"unit_id": "commune"}),
    "me": Entry(LIST),
    "plans": Entry(LIST),
    "plan_detail": Entry(PROVINCE, PLAN),
    "indicators": Entry(LIST),
    "values": Entry(LIST),
    "value_set": Entry(LIST, write=True),
    "household_list": Entry(LIST),
    "household_create": Entry(LIST, write=True),
    "household_detail": Entry(VILLAGE, H),
    "household_update": Entry(VILLAGE, H, write=True, body={"address": "X"}),
    "member_list": Entry(VILLAGE, H),
    "member_create": Entry(
        VILLAGE,
        H,
        write=True,
        body={"full_name": "Kẻ Lạ", "sex": "male", "birth_year": 2010, "relation": "child"},
    ),
    "member_update": Entry(
        VILLAGE, {"member_id": "member"}, write=True, body={"version": 1, "full_name": "Kẻ Lạ"}
    ),
    "round_list": Entry(VILLAGE, H),
    "round_create": Entry(VILLAGE, H, write=True),
    "round_detail": Entry(VILLAGE, {"round_id": "survey_round"}),
    "assessment_list": Entry(VILLAGE, H),
    "assessment_detail": Entry(VILLAGE, {"assessment_id": "assessment"}),
    "support_type_list": Entry(LIST),
    "support_plan_list": Entry(LIST),
    "support_plan_detail": Entry(VILLAGE, SUPPORT_PLAN),
    "support_plan_create": Entry(VILLAGE, H, write=True, body={"year": 2027, "helper_name": "Kẻ Lạ"}),
    "support_plan_update": Entry(
        VILLAGE, SUPPORT_PLAN, write=True, body={"version": 1, "helper_name": "Kẻ Lạ"}
    ),
    "support_plan_visit": Entry(
        VILLAGE, SUPPORT_PLAN, write=True, body={"visited_on": "2026-11-01", "visitor": "X", "note": "X"}
    ),
    "support_list_list": Entry(LIST),
    "support_list_detail": Entry(COMMUNE, SUPPORT_LIST),
    "support_list_propose": Entry(
        COMMUNE,
        {"commune_id": "commune"},
        write=True,
        body={"support_type": "bhyt-ho-ngheo", "year": 2026, "reference_date": "2026-11-20"},
    ),
    "support_entry_update": Entry(
        COMMUNE,
        {**SUPPORT_LIST, "entry_id": "support_entry"},
        write=True,
        body={"selected": True, "amount": 1},
    ),
    "support_list_approve": Entry(
        COMMUNE,
        SUPPORT_LIST,
        write=True,
        body={"version": 1, "decision_number": "1", "decided_on": "2026-11-20"},
    ),
    "support_list_cancel": Entry(COMMUNE, SUPPORT_LIST, write=True, body={"version": 1}),
    "support_record_list": Entry(LIST),
    "support_record_detail": Entry(VILLAGE, RECORD),
    "support_record_create": Entry(
        VILLAGE, H, write=True, body={"support_type": "tien-dien-ho-ngheo", "on": "2026-11-20", "amount": 1}
    ),
    "support_record_deliver": Entry(VILLAGE, RECORD, write=True, body={"on": "2026-11-20"}),
    "support_record_cancel": Entry(VILLAGE, RECORD, write=True, body={"reason": "Lạ", "on": "2026-11-20"}),
    "vacancy_list": Entry(LIST),
    "vacancy_candidates": Entry(PROVINCE, VACANCY),
    "course_list": Entry(LIST),
    "job_event_list": Entry(LIST),
    "referral_list": Entry(LIST),
    "referral_create_api": Entry(PROVINCE, VACANCY, write=True, body={"member_id": 1, "on": "2026-11-20"}),
    "communication_list_api": Entry(LIST),
    "officer_list_api": Entry(LIST),
    "officer_course_list_api": Entry(LIST),
    "inspection_list_api": Entry(LIST),
    "inspection_detail_api": Entry(COMMUNE, {"inspection_id": "act_inspections"}),
    "follow_up_create_api": Entry(
        COMMUNE,
        {"recommendation_id": "act_recommendation"},
        write=True,
        body={"on": "2026-11-20", "action": "Lạ", "new_status": "done"},
    ),
    "commendation_list_api": Entry(LIST),
    "donation_list_api": Entry(LIST),
    "work_list": Entry(LIST),
    "work_detail": Entry(COMMUNE, WORK),
    "work_create_api": Entry(LIST, write=True),
    "work_progress_create": Entry(COMMUNE, WORK, write=True, body={"on": "2026-11-20", "percent": 90}),
    "model_list": Entry(LIST),
    "model_detail": Entry(COMMUNE, MODEL),
    "participant_list": Entry(COMMUNE, MODEL),
    "housing_case_list": Entry(LIST),
    "housing_case_detail": Entry(VILLAGE, HOUSING),
    "housing_case_create": Entry(
        VILLAGE, H, write=True, body={"work": "new", "year": 2026, "on": "2026-11-20"}
    ),
    "housing_case_approve": Entry(
        VILLAGE,
        HOUSING,
        write=True,
        body={"version": 1, "funding": {"central": 1}, "on": "2026-11-20", "decision_number": "1"},
    ),
    "housing_case_progress": Entry(
        VILLAGE, HOUSING, write=True, body={"version": 1, "stage": "started", "on": "2026-11-20"}
    ),
    "housing_case_accept": Entry(
        VILLAGE,
        HOUSING,
        write=True,
        body={
            "version": 1,
            "on": "2026-11-20",
            "floor_area_m2": "40",
            "hard_foundation": True,
            "hard_frame": True,
            "hard_roof": True,
        },
    ),
    "housing_case_cancel": Entry(
        VILLAGE, HOUSING, write=True, body={"version": 1, "reason": "Lạ", "on": "2026-11-20"}
    ),
    **REVIEW_OPERATIONS,
    **REPORT_OPERATIONS,
}


def _url_names(resolver: URLResolver | None = None, namespace: str = "") -> list[str]:
    names = []
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else namespace
            names += _url_names(pattern, inner or pattern.namespace or "")
        elif isinstance(pattern, URLPattern):
            names.append(f"{namespace}:{pattern.name}")
    return names


def _api_operations() -> dict[str, tuple[str, str]]:
    """Every API operation (by its view function's name) → (method, path), from the ninja API object."""
    operations = {}
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    operations[operation.view_func.__name__] = (method, f"/api/v1{prefix}{path}")
    return operations


def test_every_route_has_an_entry():
    api_names = {f"api:{name}" for name in API_OPERATIONS}
    missing = [name for name in _url_names() if name not in PAGES and name not in api_names]
    assert missing == []
    assert sorted(_api_operations()) == sorted(API_OPERATIONS)


# --- the objects of commune A and the users who must not reach them ------------------------------


@pytest.fixture
def objects(admin_user, province_officer, officer_a, commune_a, hue) -> dict[str, Any]:
    village = village_create(actor=admin_user, commune=commune_a, name="Thôn Bí Mật")
    household = household_register(
        actor=officer_a,
        commune=commune_a,
        village=village,
        head={"full_name": SECRET_NAME, "sex": "male", "birth_year": 1980, "personal_id": SECRET_ID},
    )
    member = member_add(
        actor=officer_a, household=household, full_name="Kăn Thị Hoa", sex="female", birth_year=1984
    )
    Household.objects.filter(pk=household.pk).update(status="poor")
    survey_round, assessment = survey(
        officer_a, household, dict(COMFORTABLE_HOUSEHOLD), on=dt.date(2026, 9, 20)
    )
    campaign = campaign_create(
        actor=province_officer,
        province=hue,
        year=2026,
        kind="annual",
        starts_on=dt.date(2026, 9, 1),
        ends_on=dt.date(2026, 12, 14),
    )
    cases_list(actor=officer_a, campaign=campaign, commune=commune_a)
    case = ReviewCase.objects.get(household=household)
    objection = Objection.objects.create(
        case=case,
        lodged_by="Hồ Thị Ba",
        lodged_on=dt.date(2026, 10, 1),
        content="Xem lại",
        recorded_by=officer_a,
    )
    submission = Submission.objects.create(campaign=campaign, commune=commune_a)
    program = Program.objects.create(code="MTQG-GN", name="Chương trình", start_year=2026, end_year=2030)
    plan = plan_create(
        actor=province_officer,
        program=program,
        unit=hue,
        kind="annual",
        start_year=2026,
        end_year=2026,
        number="1/KH-UBND",
        issuer="UBND tỉnh",
        title="Kế hoạch giảm nghèo 2026",
    )
    task = task_add(actor=province_officer, plan=plan, number="1", content="Rà soát", lead_agency="Sở Y tế")
    indicator_catalogue_load()
    reporting_round = monitoring.round_open(
        actor=province_officer,
        province=hue,
        period=period_get_or_create(year=2026, kind="half_year", number=1),
        commune_due=dt.date(2026, 6, 20),
        province_due=dt.date(2026, 6, 25),
    )
    token, _raw = api_token_create(actor=officer_a, user=officer_a, name="Bí mật")
    service_token, _raw = service_token_create(
        actor=province_officer,
        name="Bí mật",
        scopes=list(Scope.values),
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        unit=commune_a,
    )
    support = _support_objects(officer_a, household)
    return {
        **support,
        **_jobs_objects(officer_a, member),
        **_activity_objects(officer_a, province_officer, household),
        **_works_objects(officer_a, household),
        "year": 2026,
        "commune": commune_a,
        "village": village,
        "household": household,
        "member": member,
        "survey_round": survey_round,
        "assessment": assessment,
        "campaign": campaign,
        "case": case,
        "objection": objection,
        "review_request": ReviewRequest.objects.create(
            household=household, form="04", received_on=dt.date(2026, 10, 2), recorded_by=officer_a
        ),
        "submission": submission,
        "plan": plan,
        "task": task,
        "agency": task.lead_agency,
        "round": reporting_round,
        "report": Report.objects.get(round=reporting_round, unit=commune_a),
        "submit_action": "submit",
        "token": token,
        "service_token": service_token,
        "officer": officer_a,
        "assignment": officer_a.assignments.get(),
        "import_batch": ImportBatch.objects.create(
            uploaded_by=officer_a,
            scope=commune_a,
            file="imports/bi-mat.xlsx",
            original_name="bi-mat.xlsx",
            standard="2022-2025",
            reference_date=dt.date(2026, 10, 1),
            status="validated",
        ),
        "export_job": ExportJob.objects.create(
            requested_by=officer_a, filters={}, kinds="households", file_format="csv", status="done"
        ),
        "annual_run": AnnualRun.objects.create(
            province=hue, standard="2022-2025", reference_date=dt.date(2026, 12, 1), status="done"
        ),
    }


def _support_objects(officer: User, household: Household) -> dict[str, Any]:
    """A support plan, a proposed list with an entry, a record and a housing case of commune A's household."""
    catalogue_load()
    support_catalogue_load()
    poverty_causes_load()
    on = dt.date(2026, 10, 1)
    plan = household_plan_create(
        actor=officer,
        household=household,
        year=2026,
        causes=[],
        other_cause="Ốm đau",
        helper_name="Lê A",
        on=on,
    )
    health = SupportType.objects.get(code="bhyt-ho-ngheo")
    support_list = beneficiary_list_propose(
        actor=officer, support_type=health, commune=household.commune, year=2026, reference_date=on
    )
    record = support_record_add(
        actor=officer, household=household, member=None,
        support_type=SupportType.objects.get(code="vay-ho-ngheo"),
        on=on, amount=50_000_000, today=on,
    )  # fmt: skip
    housing = HousingCase.objects.create(
        household=household, commune=household.commune, province=household.province,
        support_type=SupportType.objects.get(code="da5-nha-xay-moi"), work="new", year=2026,
        eligibility_note="Thử", stage="proposed",
    )  # fmt: skip
    return {
        "support_plan": plan,
        "support_list": support_list,
        "support_entry": support_list.entries.first(),
        "support_record": record,
        "housing": housing,
    }


def _jobs_objects(officer: User, member: Member) -> dict[str, Any]:
    """Commune A's member surveyed, referred to a vacancy, enrolled in a course and working abroad."""
    on = dt.date(2026, 11, 20)
    labour_survey_record(
        actor=officer, member=member, surveyed_on=on, today=on,
        answers={"employment": "unemployed", "wants_work": True, "wants_training": True},
    )  # fmt: skip
    commune = member.household.commune
    employer = employer_create(actor=officer, place=commune, name="Công ty Bí Mật", tax_code="3300999999")
    vacancy = vacancy_create(
        actor=officer, employer=employer, place=commune, position="Thợ may", openings=2,
        deadline=dt.date(2030, 12, 31), today=on,
    )  # fmt: skip
    course = course_create(
        actor=officer, place=commune, name="May", provider="Trung tâm", trade="May", level=1,
        starts_on=on, ends_on=on, support_type=SupportType.objects.get(code="da4-dao-tao-nghe"),
    )  # fmt: skip
    enrolment = enrolment_create(actor=officer, course=course, member=member, on=on, today=on)
    session = session_add(actor=officer, course=course, held_on=on, today=on)
    attendance_record(actor=officer, session=session, enrolments=[enrolment], present={enrolment.pk})
    job_event = job_event_create(
        actor=officer, place=commune, kind="fair", name="Ngày hội Bí Mật", held_on=on, venue="Nhà văn hóa",
        organiser="Trung tâm DVVL", vacancies=[vacancy],
    )  # fmt: skip
    event_attend(actor=officer, event=job_event, member=member, today=on)
    event_attend(actor=officer, event=job_event, walk_in_name=SECRET_NAME + " khách", today=on)
    return {
        "vacancy": vacancy,
        "referral": referral_create(actor=officer, vacancy=vacancy, member=member, on=on, today=on),
        "course": course,
        "course_session": session,
        "job_event": job_event,
        "enrolment": enrolment,
        "abroad_worker": abroad_worker_register(
            actor=officer,
            member=member,
            country="Nhật Bản",
            departed_on=on,
            contract_ends_on=dt.date(2029, 11, 20),
            today=on,
        ),
    }


def _activity_objects(officer: User, province_officer: User, household: Household) -> dict[str, Any]:
    """A row of every activity register at commune A (the household's commune), an inspection with a
    recommendation, a course with an attendee, a commendation of the escaped household."""
    on, commune = dt.date(2026, 11, 20), household.commune
    place = {"actor": officer, "unit": commune}
    event = communication_create(
        **place, today=on, kind="leaflet", title=SECRET_NAME, held_on=on, reach=5, reach_poor=1
    )
    officer_row = officer_create(**place, full_name=SECRET_NAME)
    course = officer_course_create(
        **place, title=SECRET_NAME, starts_on=on, ends_on=on, organiser="UBND xã", level="commune"
    )
    attendance_set(actor=officer, course=course, officer=officer_row, attended=True, completed=True)
    inspection = inspection_create(
        actor=province_officer,
        unit=commune,
        kind="ad_hoc",
        method="supervision",
        title=SECRET_NAME,
        body="HĐND",
        starts_on=on,
        ends_on=on,
    )
    recommendation = recommendation_add(
        actor=province_officer, inspection=inspection, content=SECRET_NAME, due_on=on
    )
    StatusTransition.objects.create(
        household=household, kind="escaped_poor", from_status="poor", to_status="none", effective_on=on
    )
    Household.objects.filter(pk=household.pk).update(status="none")
    household.refresh_from_db()
    commendation = commendation_create(
        **place, today=on, stage="awarded", recipient_kind="household", recipient="", household=household,
        level="commune", decision_number="1/QĐ", decided_on=on,
    )  # fmt: skip
    Household.objects.filter(pk=household.pk).update(status="poor")
    donation = donation_create(**place, today=on, donor=SECRET_NAME, donated_on=on, amount=1_000_000)
    return {
        "act_communication": event,
        "act_officers": officer_row,
        "act_courses": course,
        "act_inspections": inspection,
        "act_recommendation": recommendation,
        "act_commendations": commendation,
        "act_donations": donation,
    }


def _works_objects(officer: User, household: Household) -> dict[str, Any]:
    """A road of commune A with its coordinates, and a model there with the household taking part."""
    commune, on = household.commune, dt.date(2026, 11, 20)
    work = work_create(actor=officer, commune=commune, name="Đường Bí Mật", kind="road",
                       latitude=Decimal("16.2"), longitude=Decimal("107.2"))  # fmt: skip
    work_progress_record(actor=officer, work=work, on=on, percent=100, handed_over_on=on, today=on)
    model = model_create(
        actor=officer, communes=[commune], name="Mô hình Bí Mật", kind="model", started_on=dt.date(2026, 1, 1)
    )
    participant_add(actor=officer, model=model, household=household, joined_on=on, today=on)
    return {"work": work, "livelihood_model": model}


@dataclass(frozen=True)
class Attacker:
    username: str
    role: str
    area: str  # "commune_b", "son_la", "hue", "village_b" or "" (anonymous)
    refused_reads: frozenset[str]  # scopes whose objects the attacker must not read


ATTACKERS = [
    Attacker("xa_b", Role.COMMUNE_OFFICER, "commune_b", frozenset({VILLAGE, COMMUNE, OWNER})),
    Attacker("tinh_sonla", Role.PROVINCE_OFFICER, "son_la", frozenset({VILLAGE, COMMUNE, PROVINCE, OWNER})),
    Attacker("mttq_sonla", Role.OVERSIGHT_VIEWER, "son_la", frozenset({VILLAGE, COMMUNE, PROVINCE, OWNER})),
    Attacker("so_sonla", Role.AGENCY_OFFICER, "son_la", frozenset({VILLAGE, COMMUNE, PROVINCE, OWNER})),
    Attacker("mttq_hue", Role.OVERSIGHT_VIEWER, "hue", frozenset({OWNER})),
    Attacker("thon_b", Role.VILLAGE_REVIEWER, "village_b", frozenset({VILLAGE, OWNER})),
]


def _attacker_user(attacker: Attacker, commune_a, commune_b, son_la, hue, admin_user) -> User:
    areas = {"commune_b": commune_b, "son_la": son_la, "hue": hue}
    if attacker.area == "village_b":
        areas["village_b"] = village_create(actor=admin_user, commune=commune_a, name="Thôn Khác")
    return make_user(attacker.username, attacker.role, areas[attacker.area])


def _state() -> dict[str, Any]:
    """Row counts of every project table, and the versions edits bump."""
    counts: dict[str, Any] = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("giamngheo.")
    }
    counts["household_versions"] = Household.objects.aggregate(v=Sum("version"))["v"]
    counts["member_versions"] = Member.objects.aggregate(v=Sum("version"))["v"]
    counts["member_names"] = sorted(Member.objects.values_list("full_name", flat=True))
    # A service token's call is audited even when refused: that event is the record of the refusal.
    counts["core.AuditEvent"] = AuditEvent.objects.exclude(action="service_token.call").count()
    counts["tokens_revoked"] = ApiToken.objects.filter(revoked_at__isnull=False).count()
    counts["service_tokens_revoked"] = ServiceToken.objects.filter(revoked_at__isnull=False).count()
    counts["users_active"] = User.objects.filter(is_active=True).count()
    return counts


def _path(name: str, entry: Entry, objects: dict[str, Any]) -> str:
    kwargs = {
        arg: getattr(objects.get(key, key), "pk", objects.get(key, key)) for arg, key in entry.args.items()
    }
    return reverse(name if not name.startswith(":") else name[1:], kwargs=kwargs)


def _api_path(path: str, entry: Entry, objects: dict[str, Any]) -> str:
    for arg, key in entry.args.items():
        path = path.replace("{" + arg + "}", str(objects[key].pk))
    return path


def _check_read(problems: list[str], what: str, response: Any, entry: Entry, attacker: Attacker) -> None:
    status = response.status_code
    if status >= 500:
        problems.append(f"{what}: {status}")
    elif entry.scope in attacker.refused_reads and status not in (403, 404, 405):
        problems.append(f"{what}: {status}, expected 404")
    elif status == 200 and entry.scope in (LIST, PROVINCE) and VILLAGE in attacker.refused_reads:
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode(errors="replace")
        if SECRET_NAME in text or SECRET_ID in text:
            problems.append(f"{what}: shows commune A's household")


def _check_write(
    problems: list[str], what: str, response: Any, before: dict[str, Any], attacker: Attacker, entry: Entry
) -> None:
    """Refused with 403/404; where the attacker may read the object, a form error (400) or a redirect
    back with an error message (302) is also a refusal, provided nothing changed."""
    allowed = {401, 403, 404, 405}
    if entry.scope not in attacker.refused_reads:
        allowed |= {302, 400}
    if what.startswith(("PATCH /api", "POST /api", "PUT /api")):
        allowed.add(422)  # the API validates the body before it looks the object up
    if response.status_code not in allowed:
        problems.append(f"{what}: {response.status_code}, expected {sorted(allowed)}")
    after = _state()
    changed = sorted(key for key in before if before[key] != after[key])
    if changed:
        problems.append(f"{what}: changed {changed}")


@pytest.mark.parametrize("attacker", ATTACKERS, ids=[attacker.username for attacker in ATTACKERS])
def test_no_route_lets_an_outsider_reach_commune_a(
    attacker, objects, commune_a, commune_b, son_la, hue, admin_user
):
    user = _attacker_user(attacker, commune_a, commune_b, son_la, hue, admin_user)
    client = client_for(user)
    client.raise_request_exception = False
    _token, raw = api_token_create(actor=user, user=user, name="thu")
    problems: list[str] = []
    for name, entry in PAGES.items():
        if entry.scope == PUBLIC:
            continue
        path = _path(name, entry, objects)
        _check_read(problems, f"GET {path}", client.get(path), entry, attacker)
        if entry.write and (entry.scope in attacker.refused_reads or entry.scope != LIST):
            before = _state()
            _check_write(problems, f"POST {path}", client.post(path, entry.body), before, attacker, entry)
    api_client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", raise_request_exception=False)
    for operation, (method, api_path) in _api_operations().items():
        entry = API_OPERATIONS[operation]
        if entry.scope == PUBLIC:
            continue
        path = _api_path(api_path, entry, objects)
        if method == "GET":
            _check_read(problems, f"GET {path}", api_client.get(path), entry, attacker)
        elif entry.scope != LIST:
            before = _state()
            response = api_client.generic(method, path, _json(entry.body), content_type="application/json")
            _check_write(problems, f"{method} {path}", response, before, attacker, entry)
    assert problems == [], "\n".join(problems)


def test_no_api_operation_lets_a_service_token_of_commune_b_reach_commune_a(
    objects, province_officer, commune_b
):
    """A token with every scope, bound to commune B by Huế's manager: commune A's objects answer 404."""
    _token, raw = service_token_create(
        actor=province_officer,
        name="Đối tác xã B",
        scopes=list(Scope.values),
        expires_on=timezone.localdate() + dt.timedelta(days=30),
        unit=commune_b,
    )
    attacker = Attacker("token_xa_b", Role.COMMUNE_OFFICER, "commune_b", frozenset({VILLAGE, COMMUNE, OWNER}))
    api_client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}", raise_request_exception=False)
    problems: list[str] = []
    for operation, (method, api_path) in _api_operations().items():
        entry = API_OPERATIONS[operation]
        if entry.scope == PUBLIC:
            continue
        path = _api_path(api_path, entry, objects)
        if method == "GET":
            _check_read(problems, f"GET {path}", api_client.get(path), entry, attacker)
        elif entry.scope != LIST:
            before = _state()
            response = api_client.generic(method, path, _json(entry.body), content_type="application/json")
            _check_write(problems, f"{method} {path}", response, before, attacker, entry)
    assert problems == [], "\n".join(problems)


def _json(body: dict[str, Any]) -> str:
    import json

    return json.dumps(body)


def test_anonymous_visitors_are_sent_to_sign_in_and_the_api_says_401(objects):
    client = Client(raise_request_exception=False)
    problems = []
    for name, entry in PAGES.items():
        if entry.scope == PUBLIC:
            continue
        path = _path(name, entry, objects)
        for method in ("get", "post") if entry.write else ("get",):
            response = getattr(client, method)(path, entry.body)
            if response.status_code not in (302, 405) or (
                response.status_code == 302 and not response["Location"].startswith("/tai-khoan/dang-nhap/")
            ):
                problems.append(f"{method.upper()} {path}: {response.status_code}")
    for operation, (method, api_path) in _api_operations().items():
        path = _api_path(api_path, API_OPERATIONS[operation], objects)
        if client.generic(method, path, "{}", content_type="application/json").status_code != 401:
            problems.append(f"{method} {path}")
    assert problems == []
