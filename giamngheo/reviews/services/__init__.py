"""Review services: campaigns, the steps of the procedure, and the recognition decision."""

from giamngheo.reviews.services.campaigns import (
    REGULAR_REVIEW_DAYS,
    campaign_close,
    campaign_create,
    campaign_reopen,
    review_request_record,
    submission_district_opinion,
    submission_review,
    submission_submit,
)
from giamngheo.reviews.services.decisions import (
    WAITING,
    decision_blockers,
    decision_make,
    earliest_signing,
)
from giamngheo.reviews.services.steps import (
    cases_collect_surveys,
    cases_confirm_unchanged,
    cases_list,
    meeting_record,
    objection_answer,
    objection_record,
    posting_start,
)

__all__ = [
    "REGULAR_REVIEW_DAYS",
    "WAITING",
    "campaign_close",
    "campaign_create",
    "campaign_reopen",
    "cases_collect_surveys",
    "cases_confirm_unchanged",
    "cases_list",
    "decision_blockers",
    "decision_make",
    "earliest_signing",
    "meeting_record",
    "objection_answer",
    "objection_record",
    "posting_start",
    "review_request_record",
    "submission_district_opinion",
    "submission_review",
    "submission_submit",
]
