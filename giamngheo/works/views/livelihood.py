"""Pages of livelihood models and production projects: list, a model, create, edit, households, evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.core.errors import NotFound
from giamngheo.core.service_calls import call_service, record_from_form
from giamngheo.works import selectors
from giamngheo.works.exports import (
    model_header,
    model_rows,
    participant_header,
    participant_rows,
    table_response,
)
from giamngheo.works.forms import EvaluationForm, ModelForm, ParticipantForm
from giamngheo.works.models import LivelihoodModel, ModelKind
from giamngheo.works.services.livelihood import (
    EDITABLE,
    evaluation_record,
    livelihood_model_update,
    model_create,
    participant_add,
)
from giamngheo.works.views._common import can_manage_works, refuse_readers, user_agencies, user_communes

PAGE_SIZE = 200


@login_required
def models(request: HttpRequest) -> HttpResponse:
    chosen = selectors.ModelFilter.from_query(request.GET)
    rows = selectors.with_counts(chosen.apply(selectors.models_for_user(request.user)))
    context = {
        "models": rows.prefetch_related("communes").order_by("-started_on", "pk")[:PAGE_SIZE],
        "filter": chosen,
        "communes": user_communes(request.user),
        "kinds": ModelKind.choices,
        "statuses": [("running", _("Đang thực hiện")), ("ended", _("Đã kết thúc"))],
        "query": request.GET.urlencode(),
        "can_edit": can_manage_works(request.user),
    }
    return render(request, "works/models.html", context)


@login_required
def models_export(request: HttpRequest) -> HttpResponseBase:
    chosen = selectors.ModelFilter.from_query(request.GET)
    rows = model_rows(selectors.with_counts(chosen.apply(selectors.models_for_user(request.user))))
    return table_response(
        request.GET.get("format", "xlsx"), "mo-hinh", _("Mô hình, dự án"), model_header(), rows
    )


def _model_form(request: HttpRequest, exclude: int | None = None, **kwargs: object) -> ModelForm:
    origins = selectors.models_for_user(request.user).order_by("name")
    if exclude is not None:
        origins = origins.exclude(pk=exclude)
    return ModelForm(
        request.POST or None,
        communes=user_communes(request.user),
        agencies=user_agencies(request.user),
        origins=origins,
        **kwargs,
    )


@login_required
def model_create_page(request: HttpRequest) -> HttpResponse:
    refuse_readers(request)
    form = _model_form(request)
    if request.method == "POST" and form.is_valid():
        outcome = call_service(
            form, model_create, actor=request.user, budget=form.money(), **form.service_fields()
        )
        if outcome.ok and outcome.value is not None:
            messages.success(request, _("Đã thêm mô hình."))
            return redirect("works:model", model_id=outcome.value.pk)
    return render(request, "works/model_form.html", {"form": form, "title": _("Thêm mô hình, dự án")})


@login_required
def model_edit(request: HttpRequest, model_id: int) -> HttpResponse:
    item = selectors.model_get_for_user(request.user, model_id)
    refuse_readers(request)
    initial = {name: getattr(item, name) for name in EDITABLE} | {"communes": list(item.communes.all())}
    initial |= {f"budget_{row.source}": row.amount for row in item.budget.all()}
    form = _model_form(request, exclude=item.pk, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.service_fields()
        communes = data.pop("communes")
        outcome = call_service(
            form, livelihood_model_update, actor=request.user, model=item, data=data,
            communes=list(communes), budget=form.money(),
        )  # fmt: skip
        if outcome.ok:
            messages.success(request, _("Đã lưu mô hình."))
            return redirect("works:model", model_id=item.pk)
    return render(request, "works/model_form.html", {"form": form, "title": item.name, "model": item})


def _counted(request: HttpRequest, item: LivelihoodModel) -> LivelihoodModel:
    counted = selectors.with_counts(selectors.models_for_user(request.user)).filter(pk=item.pk).first()
    if counted is None:
        raise NotFound()
    return counted


@login_required
def model(request: HttpRequest, model_id: int) -> HttpResponse:
    item = _counted(request, selectors.model_get_for_user(request.user, model_id))
    today = timezone.localdate()
    text = request.GET.get("q", "")
    can_edit = can_manage_works(request.user)
    context = {
        "model": item,
        "communes": item.communes.all(),
        "budget": item.budget.all(),
        "budget_total": sum((row.amount for row in item.budget.all()), start=0),
        "participants": selectors.participants_of(item),
        "evaluations": item.evaluations.order_by("-evaluated_on", "-pk"),
        "replications": item.replications.all(),
        "text": text,
        "candidates": selectors.candidate_households(request.user, item, text) if can_edit else [],
        "participant_form": ParticipantForm(initial={"joined_on": today}),
        "evaluation_form": EvaluationForm(initial={"evaluated_on": today}),
        "today": today,
        "can_edit": can_edit,
    }
    return render(request, "works/model.html", context)


@login_required
def participants_export(request: HttpRequest, model_id: int) -> HttpResponseBase:
    item = selectors.model_get_for_user(request.user, model_id)
    rows = participant_rows(selectors.participants_of(item))
    return table_response(
        request.GET.get("format", "xlsx"),
        f"ho-tham-gia-{item.pk}",
        _("Hộ tham gia"),
        participant_header(),
        rows,
    )


@login_required
@require_POST
def participant_add_page(request: HttpRequest, model_id: int) -> HttpResponse:
    item = selectors.model_get_for_user(request.user, model_id)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        household = selectors.candidate_household_get(request.user, data.pop("household"))
        outcome = call_service(
            request, participant_add, actor=request.user, model=item, household=household,
            today=timezone.localdate(), **data,
        )  # fmt: skip
        if outcome.ok:
            messages.success(request, _("Đã thêm hộ %(code)s.") % {"code": household.code})
    else:
        messages.error(request, _("Hãy chọn hộ và ngày tham gia."))
    return redirect("works:model", model_id=item.pk)


@login_required
@require_POST
def model_evaluate(request: HttpRequest, model_id: int) -> HttpResponse:
    item = selectors.model_get_for_user(request.user, model_id)
    record_from_form(
        request, EvaluationForm(request.POST), evaluation_record, actor=request.user, model=item,
        today=timezone.localdate(), done=_("Đã ghi đánh giá."),
        invalid=_("Hãy ghi đủ ngày, người đánh giá, ba mặt hiệu quả và kết luận."),
    )  # fmt: skip
    return redirect("works:model", model_id=item.pk)
