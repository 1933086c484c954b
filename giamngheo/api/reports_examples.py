"""Documented response examples of the periodic-report API (a test checks each against its schema)."""

from typing import Any

from giamngheo.api.examples import example

_ROUND: dict[str, Any] = {
    "id": 3,
    "province_id": 46,
    "province_name": "Thành phố Huế",
    "period_id": 12,
    "period_label": "6 tháng đầu năm 2026",
    "year": 2026,
    "kind": "official",
    "kind_label": "Báo cáo định kỳ (chính thức)",
    "title": "",
    "label": "Báo cáo định kỳ (chính thức) — 6 tháng đầu năm 2026",
    "request": "",
    "plan_id": 2,
    "project_id": None,
    "commune_due": "2026-06-20",
    "province_due": "2026-06-25",
}
_REPORT: dict[str, Any] = {
    "id": 41,
    "round_id": 3,
    "unit_id": 20056,
    "unit_name": "Xã A Lưới 1",
    "agency_id": None,
    "commune_id": 20056,
    "reporter": "Xã A Lưới 1",
    "status": "submitted",
    "status_label": "Đã gửi, chờ duyệt",
    "due_date": "2026-06-20",
    "submitted_at": "2026-06-18T09:30:00+07:00",
    "decided_at": None,
    "timeliness": "on_time",
    "days_late": 0,
    "version": 3,
}

ROUNDS = example([_ROUND], paginated=True)
ROUND = example(
    {
        **_ROUND,
        "progress": {
            "reports": 12,
            "by_status": {"draft": 2, "submitted": 6, "approved": 4},
            "by_timeliness": {"on_time": 9, "late": 1, "overdue": 2},
            "completeness": "83.3",
            "timeliness": "90.0",
        },
    }
)
REPORTS = example([_REPORT], paginated=True)
REPORT = example(
    {
        **_REPORT,
        "summary": "Xã hoàn thành 9/10 chỉ tiêu của kỳ.",
        "difficulties": "Thiếu kinh phí hỗ trợ nhà ở.",
        "proposals": "Đề nghị tỉnh bổ sung vốn.",
        "figures": {
            "unit": "Xã A Lưới 1",
            "period": "6 tháng đầu năm 2026",
            "results": [
                {
                    "indicator": "Số người lao động được kết nối việc làm",
                    "unit_label": "người",
                    "group": "Toàn địa bàn",
                    "value": "12.000",
                    "note": "",
                    "trace": "Số liệu nhập: giá trị chỉ số số 5 (workers_job_connected, Xã A Lưới 1)",
                }
            ],
        },
        "transitions": [
            {
                "from_status": "draft",
                "to_status": "submitted",
                "comment": "",
                "actor_name": "Lê Thị Hòa",
                "occurred_at": "2026-06-18T09:30:00+07:00",
            }
        ],
        "can_write": False,
        "can_enter_values": False,
        "can_submit": False,
        "can_decide": True,
    }
)
VALUE = example(
    {
        "indicator": "workers_job_connected",
        "unit_id": 20056,
        "period_id": 12,
        "group": "all",
        "value": "12.000",
        "numerator": None,
        "denominator": None,
        "note": "Sổ theo dõi của xã",
    }
)
