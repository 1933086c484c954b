"""Every step of a report is audited with its AuditAction (the spellings the audit log labels)."""

from __future__ import annotations

import pytest

from giamngheo.core.audit import audit_action_label
from giamngheo.core.models import AuditEvent
from giamngheo.monitoring import services
from tests.fixtures.monitoring import report_of

pytestmark = pytest.mark.django_db


def test_a_report_submitted_returned_resubmitted_and_approved_leaves_one_event_per_step(
    reporting_round,
    officer_a,
    province_officer,
    commune_a,
):
    report = report_of(reporting_round, commune_a)
    services.report_annotate(actor=officer_a, report=report, summary="Tóm tắt", difficulties="", proposals="")
    report = services.report_submit(actor=officer_a, report=report)
    report = services.report_return(actor=province_officer, report=report, comment="Bổ sung số liệu")
    report = services.report_submit(actor=officer_a, report=report)
    services.report_approve(actor=province_officer, report=report)

    actions = list(
        AuditEvent.objects.filter(object_type="monitoring.report", object_id=str(report.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.annotate",
        "report.submit",
        "report.return",
        "report.submit",
        "report.approve",
    ]
    assert [audit_action_label(action) for action in actions[1:3]] == ["Gửi báo cáo", "Trả lại báo cáo"]
