"""API schemas of review campaigns, their cases and steps, and the households' requests (Mẫu 01 / 04)."""

import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from giamngheo.api.schemas import Id, InSchema, Text
from giamngheo.reviews.models import CampaignKind, Step

Version = Annotated[int, Field(ge=0, le=2**31 - 1)]
# A date of the procedure, bounded so that adding working days or the 15-day deadline never overflows.
Day = Annotated[datetime.date, Field(ge=datetime.date(1900, 1, 1), le=datetime.date(2100, 12, 31))]
Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
# The scanned minutes, base64: at most 1.8 MB once decoded, so the JSON body stays under Django's 2.5 MB.
MINUTES_MAX_BYTES = 1_800_000
MINUTES_MAX_CHARS = (MINUTES_MAX_BYTES + 2) // 3 * 4


class CampaignOut(Schema):
    id: int
    province_id: int
    province_name: str
    year: int
    kind: str
    kind_label: str
    name: str
    standard: str
    starts_on: datetime.date
    ends_on: datetime.date
    list_by: datetime.date | None
    survey_by: datetime.date | None
    meeting_by: datetime.date | None
    posting_by: datetime.date | None
    report_by: datetime.date | None
    posting_working_days: int
    approval_chain: str
    is_closed: bool

    @staticmethod
    def resolve_province_name(campaign: Any) -> str:
        return str(campaign.province.name)

    @staticmethod
    def resolve_kind_label(campaign: Any) -> str:
        return str(CampaignKind(campaign.kind).label)


class StepOut(Schema):
    step: str
    label: str


class CommuneProgressOut(Schema):
    commune_id: int
    commune_code: str
    commune_name: str
    counts: dict[str, int]
    total: int
    decided_percent: int
    objections: int
    objections_open: int
    submission_id: int | None
    submission_status: str
    decided_on: datetime.date | None
    late_decision: bool
    late: list[str]


class ProgressOut(Schema):
    campaign_id: int
    steps: list[StepOut]
    communes: list[CommuneProgressOut]
    totals: dict[str, int]


class CaseOut(Schema):
    id: int
    campaign_id: int
    household_id: int
    household_code: str
    head_name: str
    commune_id: int
    village_id: int | None
    village_name: str
    reason: str
    step: str
    step_label: str
    status_before: str
    assessment_id: int | None
    category: str
    proposed: str
    outcome: str
    version: int

    @staticmethod
    def resolve_household_code(case: Any) -> str:
        return str(case.household.code)

    @staticmethod
    def resolve_head_name(case: Any) -> str:
        return str(case.household.head_name)

    @staticmethod
    def resolve_village_name(case: Any) -> str:
        return str(case.village.name) if case.village is not None else ""

    @staticmethod
    def resolve_step_label(case: Any) -> str:
        return str(Step(case.step).label)

    @staticmethod
    def resolve_category(case: Any) -> str:
        return str(case.assessment.category) if case.assessment is not None else ""


class EventOut(Schema):
    from_step: str
    to_step: str
    note: str
    actor_name: str
    occurred_at: datetime.datetime

    @staticmethod
    def resolve_actor_name(event: Any) -> str:
        return str(event.actor.full_name) if event.actor is not None else ""


class ObjectionOut(Schema):
    id: int
    review_case_id: int
    lodged_by: str
    lodged_on: datetime.date
    content: str
    answer: str
    answered_on: datetime.date | None
    resurvey: bool

    @staticmethod
    def resolve_review_case_id(objection: Any) -> int:
        return int(objection.case_id)


class VoteOut(Schema):
    meeting_id: int
    held_on: datetime.date
    attendees: int
    agree: int

    @staticmethod
    def resolve_held_on(vote: Any) -> datetime.date:
        held_on: datetime.date = vote.meeting.held_on
        return held_on

    @staticmethod
    def resolve_attendees(vote: Any) -> int:
        return int(vote.meeting.attendees)


class CaseDetailOut(CaseOut):
    """A case with its history: every step taken, the objections and the village meeting's votes."""

    events: list[EventOut]
    objections: list[ObjectionOut]
    votes: list[VoteOut]

    @staticmethod
    def resolve_events(case: Any) -> list[Any]:
        return list(case.events.select_related("actor").order_by("id"))

    @staticmethod
    def resolve_objections(case: Any) -> list[Any]:
        return list(case.objections.order_by("id"))

    @staticmethod
    def resolve_votes(case: Any) -> list[Any]:
        return list(case.votes.select_related("meeting").order_by("id"))


class CountOut(Schema):
    count: int


class MeetingOut(Schema):
    id: int
    campaign_id: int
    village_id: int
    held_on: datetime.date
    attendees: int
    chaired_by: str
    secretary: str
    agreed: list[int]
    disagreed: list[int]


class PostingOut(Schema):
    id: int
    campaign_id: int
    village_id: int
    starts_on: datetime.date
    working_days: int
    ends_on: datetime.date
    places: str


class VoteIn(InSchema):
    review_case_id: Id
    agree: Count


class MeetingIn(InSchema):
    """The village meeting: a household is agreed when at least half of the attendees agree."""

    held_on: Day
    attendees: Annotated[int, Field(ge=1, le=2**31 - 1)]
    chaired_by: Text = Field(max_length=128)
    secretary: Text = Field(max_length=128)
    minutes_name: Text = Field("bien-ban.pdf", min_length=1, max_length=60)
    minutes_base64: str = Field(min_length=4, max_length=MINUTES_MAX_CHARS)
    votes: list[VoteIn] = Field(min_length=1, max_length=10_000)


class PostingIn(InSchema):
    starts_on: Day
    places: Text = Field("", max_length=255)


class ConfirmIn(InSchema):
    review_case_ids: list[Id] = Field(min_length=1, max_length=10_000)


class ObjectionIn(InSchema):
    """`version` is the case's version as read (GET): a step taken since then refuses this one (409)."""

    version: Version
    lodged_by: Text = Field(max_length=128)
    lodged_on: Day
    content: Text = Field(max_length=5000)


class AnswerIn(InSchema):
    answer: Text = Field(max_length=5000)
    answered_on: Day
    resurvey: bool = False


class RequestIn(InSchema):
    household_id: Id
    form: Literal["01", "04"]
    received_on: Day
    note: Text = Field("", max_length=500)


class RequestOut(Schema):
    id: int
    household_id: int
    household_code: str
    commune_id: int
    form: str
    form_label: str
    received_on: datetime.date
    due_on: datetime.date | None
    note: str
    state: str
    state_label: str
    review_case_id: int | None
    campaign_id: int | None
    step: str
    outcome: str
    outcome_label: str
    decided_on: datetime.date | None


class CaseFilter(Schema):
    village: Id | None = None
    step: Text = ""
    category: Text = ""


class RequestFilter(Schema):
    form: Literal["", "01", "04"] = ""
    household_id: Id | None = None
    state: Literal["", "decided", "overdue", "open", "periodic"] = ""
