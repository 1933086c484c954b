"""The printable recognition decision of a commune (PDF or Word), from the commune's campaign page."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from giamngheo.core.official_pdf import official_pdf
from giamngheo.reviews import selectors
from giamngheo.reviews.decision_document import decision_document
from giamngheo.reviews.models import Decision

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
def decision_print(request: HttpRequest, campaign_id: int, commune_id: int, file_format: str) -> FileResponse:
    """The commune's latest recognition decision of the campaign, laid out per Decree 30/2020."""
    campaign = selectors.campaign_get_for_user(request.user, campaign_id)
    commune = selectors.commune_for_campaign(request.user, campaign, commune_id)
    decision = (
        Decision.objects.filter(campaign=campaign, commune=commune)
        .select_related("campaign", "commune__province", "signer")
        .order_by("-signed_on", "-pk")
        .first()
    )
    if decision is None or file_format not in DOCUMENT_TYPES:
        raise Http404
    document = decision_document(decision)
    if file_format == "pdf":
        content = official_pdf(document)
    else:
        # python-docx is loaded for Word files only: the rest of the site never depends on it.
        from giamngheo.core.official_docx import official_docx

        content = official_docx(document)
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"quyet-dinh-{commune.code}-{campaign.year}.{file_format}",
        content_type=DOCUMENT_TYPES[file_format],
    )
