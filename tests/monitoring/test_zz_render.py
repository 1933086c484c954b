"""Temporary: write the documents to /tmp/rep14_render for looking at them (not committed)."""
import pytest

from giamngheo.core.official_docx import official_docx
from giamngheo.core.official_pdf import official_pdf
from giamngheo.monitoring.documents import report_document
from giamngheo.monitoring.documents_xlsx import bieu_xlsx
from tests.monitoring.test_official_documents import province_report  # noqa: F401
from tests.monitoring.test_collection_forms import data, reporting_round, _province_report  # noqa: F401

pytestmark = pytest.mark.django_db
OUT = "/tmp/rep14_render"


def test_render_seed_004(province_report):
    report, _officer, _plan = province_report
    for code in ("mau-01", "mau-02", "bieu-01", "bieu-02"):
        document = report_document(report, code)
        open(f"{OUT}/{code}.pdf", "wb").write(official_pdf(document))
        open(f"{OUT}/{code}.docx", "wb").write(official_docx(document))


def test_render_collection(reporting_round):
    report = _province_report(reporting_round)
    for code in ("bieu-03", "bieu-07", "bieu-15"):
        document = report_document(report, code)
        open(f"{OUT}/{code}.pdf", "wb").write(official_pdf(document))
        open(f"{OUT}/{code}.docx", "wb").write(official_docx(document))
        open(f"{OUT}/{code}.xlsx", "wb").write(bieu_xlsx(report, code))
