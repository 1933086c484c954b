"""API of households' requests for review: Mẫu 01 (annual review) and Mẫu 04 (monthly review, 15 days).

Reads through `reviews.requests.requests_for_user` (households of the caller's area), with the state the
requests page shows; the one write through `review_request_record` (commune officer or chair).
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from giamngheo.api import reviews_examples as examples
from giamngheo.api.reviews_schemas import RequestFilter, RequestIn, RequestOut
from giamngheo.api.schemas import ERRORS, Id, Pagination
from giamngheo.api.schemas import lazy_text as _
from giamngheo.core.errors import NotFound
from giamngheo.registry.selectors import household_get_for_user
from giamngheo.reviews.models import Outcome, RequestForm, ReviewRequest, Step
from giamngheo.reviews.requests import request_state, requests_for_user
from giamngheo.reviews.services import review_request_record

router = Router(tags=[_("Rà soát hộ nghèo, hộ cận nghèo")])


def _state_q(state: str) -> Q:
    """The rows `request_state` puts in `state`, as a filter (so the list is paginated in the database)."""
    decided = Q(case__step=Step.DECIDED, decided_on__isnull=False)
    today = timezone.localdate()
    return {
        "decided": decided,
        "periodic": ~decided & Q(due_on__isnull=True),
        "overdue": ~decided & Q(due_on__lt=today),
        "open": ~decided & Q(due_on__gte=today),
    }[state]


def request_out(review_request: ReviewRequest) -> dict[str, Any]:
    state = request_state(review_request, timezone.localdate())
    case = review_request.case
    outcome = case.outcome if case is not None else ""
    return {
        "id": review_request.pk,
        "household_id": review_request.household_id,
        "household_code": review_request.household.code,
        "commune_id": review_request.household.commune_id,
        "form": review_request.form,
        "form_label": str(RequestForm(review_request.form).label),
        "received_on": review_request.received_on,
        "due_on": review_request.due_on,
        "note": review_request.note,
        "state": state.key,
        "state_label": state.label,
        "review_case_id": review_request.case_id,
        "campaign_id": case.campaign_id if case is not None else None,
        "step": case.step if case is not None else "",
        "outcome": outcome,
        "outcome_label": str(Outcome(outcome).label) if outcome else "",
        "decided_on": getattr(review_request, "decided_on", None) if case is not None else None,
    }


class ShapedPage:
    """A queryset the paginator slices in the database; only the rows of the page are shaped."""

    def __init__(self, rows: QuerySet[ReviewRequest]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return self.rows.count()

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [request_out(row) for row in self.rows[window]]


@router.get(
    "/reviews/requests",
    response={200: list[RequestOut], **ERRORS},
    summary=_("Giấy đề nghị rà soát (Mẫu 01, Mẫu 04)"),
    description=_(
        "Giấy đề nghị của các hộ trong địa bàn, mới nhất trước, với tình trạng: `open` (còn hạn), "
        "`overdue` (quá hạn 15 ngày của Mẫu 04), `decided` (đã có quyết định, kèm ngày và kết quả), "
        "`periodic` (Mẫu 01, giải quyết trong đợt định kỳ); lọc theo `form`, `household_id`, `state`."
    ),
    openapi_extra=examples.REQUESTS,
)
@paginate(Pagination)
def review_request_list(request: HttpRequest, filters: Query[RequestFilter]) -> Any:
    requests = requests_for_user(request.user).order_by("-received_on", "-id")
    if filters.form:
        requests = requests.filter(form=filters.form)
    if filters.household_id is not None:
        requests = requests.filter(household_id=filters.household_id)
    if filters.state:
        requests = requests.filter(_state_q(filters.state))
    return ShapedPage(requests)


@router.get(
    "/reviews/requests/{review_request_id}",
    response={200: RequestOut, **ERRORS},
    summary=_("Một giấy đề nghị và kết quả giải quyết"),
    description=_(
        "Hạn giải quyết (Mẫu 04: 15 ngày kể từ ngày nhận), hộ trong đợt rà soát nào, bước đã đến, "
        "kết quả công nhận và ngày quyết định."
    ),
    openapi_extra=examples.REQUEST,
)
def review_request_detail(request: HttpRequest, review_request_id: Id) -> dict[str, Any]:
    found = requests_for_user(request.user).filter(pk=review_request_id).first()
    if found is None:
        raise NotFound()
    return request_out(found)


@router.post(
    "/reviews/requests",
    response={201: RequestOut, **ERRORS},
    summary=_("Ghi nhận giấy đề nghị của hộ"),
    description=_(
        "Cán bộ xã ghi nhận giấy đề nghị rà soát của một hộ trong địa bàn: Mẫu 01 (đợt định kỳ) hoặc "
        "Mẫu 04 (rà soát thường xuyên, hạn giải quyết 15 ngày). Hộ được đưa vào đợt ở bước lập danh sách."
    ),
    openapi_extra=examples.REQUEST_CREATED,
)
def review_request_create(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    household = household_get_for_user(request.user, payload.household_id)
    created = review_request_record(
        actor=request.user,
        household=household,
        form=payload.form,
        received_on=payload.received_on,
        note=payload.note,
    )
    return Status(201, request_out(requests_for_user(request.user).get(pk=created.pk)))
