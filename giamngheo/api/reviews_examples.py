"""Documented response examples of the review API (a test checks each against its response schema)."""

from typing import Any

from giamngheo.api.examples import example

_CAMPAIGN: dict[str, Any] = {
    "id": 7,
    "province_id": 46,
    "province_name": "Thành phố Huế",
    "year": 2026,
    "kind": "annual",
    "kind_label": "Rà soát định kỳ hằng năm",
    "name": "Rà soát hộ nghèo, hộ cận nghèo năm 2026 — Thành phố Huế",
    "standard": "2022-2025",
    "starts_on": "2026-09-01",
    "ends_on": "2026-12-14",
    "list_by": "2026-09-15",
    "survey_by": "2026-10-15",
    "meeting_by": "2026-10-31",
    "posting_by": "2026-11-15",
    "report_by": "2026-12-20",
    "posting_working_days": 3,
    "approval_chain": "commune_province",
    "is_closed": False,
}
_STEPS = ["listed", "surveyed", "agreed", "disagreed", "posted", "objected", "decided"]
_CASE: dict[str, Any] = {
    "id": 1201,
    "campaign_id": 7,
    "household_id": 5310,
    "household_code": "20056-00042",
    "head_name": "Hồ Văn Tâm",
    "commune_id": 20056,
    "village_id": 90311,
    "village_name": "Thôn Ka Vân",
    "reason": "current_poor",
    "step": "posted",
    "step_label": "Đang niêm yết công khai",
    "status_before": "poor",
    "assessment_id": 8811,
    "category": "near_poor",
    "proposed": "poor_to_near_poor",
    "outcome": "",
    "version": 5,
}
_OBJECTION: dict[str, Any] = {
    "id": 31,
    "review_case_id": 1201,
    "lodged_by": "Hồ Thị Ba",
    "lodged_on": "2026-11-03",
    "content": "Hộ đã có thu nhập ổn định từ tháng 8.",
    "answer": "",
    "answered_on": None,
    "resurvey": False,
}

CAMPAIGNS = example([_CAMPAIGN], paginated=True)
CAMPAIGN = example(_CAMPAIGN)
PROGRESS = example(
    {
        "campaign_id": 7,
        "steps": [
            {"step": "listed", "label": "Đã lập danh sách"},
            {"step": "surveyed", "label": "Đã rà soát, chấm điểm"},
        ],
        "communes": [
            {
                "commune_id": 20056,
                "commune_code": "20056",
                "commune_name": "Xã A Lưới 1",
                "counts": dict(zip(_STEPS, [0, 12, 0, 1, 30, 2, 0], strict=True)),
                "total": 45,
                "decided_percent": 0,
                "objections": 3,
                "objections_open": 2,
                "submission_id": None,
                "submission_status": "",
                "decided_on": None,
                "late_decision": False,
                "late": ["họp dân (hạn 31/10/2026)"],
            }
        ],
        "totals": dict(zip(_STEPS, [0, 12, 0, 1, 30, 2, 0], strict=True)),
    },
)
CASES = example([_CASE], paginated=True)
CASE = example(
    {
        **_CASE,
        "events": [
            {
                "from_step": "",
                "to_step": "listed",
                "note": "",
                "actor_name": "Lê Thị Hòa",
                "occurred_at": "2026-09-10T08:12:00+07:00",
            },
            {
                "from_step": "listed",
                "to_step": "surveyed",
                "note": "Đánh giá #8811: near_poor",
                "actor_name": "Lê Thị Hòa",
                "occurred_at": "2026-10-02T15:40:00+07:00",
            },
        ],
        "objections": [],
        "votes": [{"meeting_id": 12, "held_on": "2026-10-25", "attendees": 40, "agree": 31}],
    },
)
COUNT = example({"count": 45})
MEETING = example(
    {
        "id": 12,
        "campaign_id": 7,
        "village_id": 90311,
        "held_on": "2026-10-25",
        "attendees": 40,
        "chaired_by": "Hồ Văn Lâm",
        "secretary": "Kăn Thị Hoa",
        "agreed": [1201, 1202],
        "disagreed": [1203],
    },
)
POSTING = example(
    {
        "id": 4,
        "campaign_id": 7,
        "village_id": 90311,
        "starts_on": "2026-11-02",
        "working_days": 3,
        "ends_on": "2026-11-04",
        "places": "Nhà văn hóa thôn và trụ sở UBND xã",
    },
)
OBJECTION = example(_OBJECTION)
_REQUEST: dict[str, Any] = {
    "id": 88,
    "household_id": 5310,
    "household_code": "20056-00042",
    "commune_id": 20056,
    "form": "04",
    "form_label": "Mẫu 04 — Giấy đề nghị rà soát thường xuyên / công nhận thoát nghèo",
    "received_on": "2026-11-05",
    "due_on": "2026-11-20",
    "note": "Hộ đề nghị công nhận thoát nghèo",
    "state": "open",
    "state_label": "còn 6 ngày",
    "review_case_id": None,
    "campaign_id": None,
    "step": "",
    "outcome": "",
    "outcome_label": "",
    "decided_on": None,
}
REQUESTS = example([_REQUEST], paginated=True)
REQUEST = example(_REQUEST)
REQUEST_CREATED = example({**_REQUEST, "state_label": "còn 15 ngày"}, status=201)
