"""Review pages: campaigns, the province overview, the commune workspace step by step, decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from giamngheo.accounts.access import has_permission, units_for_user
from giamngheo.accounts.roles import Permission
from giamngheo.core.service_calls import call_service
from giamngheo.geo.models import Level, Tree
from giamngheo.registry.selectors import households_for_user
from giamngheo.reviews import selectors, services, workspace
from giamngheo.reviews.forms import (
    AnswerForm,
    CampaignForm,
    DecisionForm,
    MeetingForm,
    ObjectionForm,
    PostingForm,
    ReopenForm,
    ReturnForm,
)
from giamngheo.reviews.models import Decision, Posting, ReviewCase, Step, Submission


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Campaigns of the user's provinces; provincial officers open new ones."""
    provinces = [
        unit
        for unit in units_for_user(request.user).filter(tree=Tree.CURRENT, level=Level.PROVINCE)
        if has_permission(request.user, Permission.MANAGE_CAMPAIGNS, unit)
    ]
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and provinces and form.is_valid():
        campaign = call_service(
            form,
            services.campaign_create,
            actor=request.user,
            province=provinces[0],
            **form.service_arguments(),
        ).value
        if campaign is not None:
            messages.success(request, _("Đã mở đợt rà soát."))
            return redirect("reviews:campaign", campaign_id=campaign.pk)
    return render(
        request,
        "reviews/campaign_list.html",
        {
            "campaigns": selectors.campaigns_for_user(request.user),
            "form": form,
            "province": provinces[0] if provinces else None,
        },
        status=400 if form.errors else 200,
    )


@login_required
def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The whole campaign at a glance: each commune's cases per step, decisions and reports."""
    campaign = selectors.campaign_get_for_user(request.user, campaign_id)
    progress = selectors.campaign_progress(request.user, campaign)
    for row in progress:
        if row.submission is not None and row.submission.status in ("submitted", "district_agreed"):
            row.summary = workspace.decision_summary(campaign, row.commune, decided=True)
    return render(
        request,
        "reviews/campaign_detail.html",
        {
            "campaign": campaign,
            "progress": progress,
            "steps": Step.choices,
            "can_manage": has_permission(request.user, Permission.MANAGE_CAMPAIGNS, campaign.province),
            "return_form": ReturnForm(),
            "reopen_form": ReopenForm(),
            "totals": {
                step: sum(row.counts.get(step, 0) for row in progress) for step, _label in Step.choices
            },
        },
    )


def _workspace(request: HttpRequest, campaign_id: int, commune_id: int) -> tuple[Any, Any]:
    campaign = selectors.campaign_get_for_user(request.user, campaign_id)
    return campaign, selectors.commune_for_campaign(request.user, campaign, commune_id)


@login_required
def commune_workspace(request: HttpRequest, campaign_id: int, commune_id: int) -> HttpResponse:
    """A commune's review: the stepper, every household with its step, each village's next step."""
    campaign, commune = _workspace(request, campaign_id, commune_id)
    cases = list(selectors.commune_cases(request.user, campaign, commune))
    only_waiting = request.GET.get("chua-du") == "1"
    villages: dict[Any, list[ReviewCase]] = {}
    for case in cases:
        if not only_waiting or case.step != Step.DECIDED:
            villages.setdefault(case.village, []).append(case)
    postings = {posting.village_id: posting for posting in Posting.objects.filter(campaign=campaign)}
    can_work = has_permission(request.user, Permission.REVIEW_WORK, commune) and not campaign.is_closed
    blockers = services.decision_blockers(campaign, commune, timezone.localdate())
    return render(
        request,
        "reviews/commune.html",
        {
            "campaign": campaign,
            "commune": commune,
            "villages": villages,
            "has_cases": bool(cases),
            "confirmable": {  # villages with a listed household that has a result to confirm unchanged
                case.village_id or ""
                for case in cases
                if case.step == Step.LISTED and case.household.latest_assessment_id
            },
            "only_waiting": only_waiting,
            "stepper": workspace.step_counts(cases),
            "postings": postings,
            "blockers": blockers,
            "earliest": services.earliest_signing(campaign, commune) if blockers else None,
            "summary": workspace.decision_summary(campaign, commune),
            "decisions": Decision.objects.filter(campaign=campaign, commune=commune).order_by(
                "signed_on", "id"
            ),
            "offers": workspace.newly_assessed(campaign, commune, households_for_user(request.user))
            if can_work
            else [],
            "can_work": can_work,
            "can_decide": has_permission(request.user, Permission.DECIDE_RECOGNITION, commune)
            and not campaign.is_closed,
            "submission": Submission.objects.filter(campaign=campaign, commune=commune).first(),
            "meeting_form": MeetingForm(),
            "posting_form": PostingForm(),
            "objection_form": ObjectionForm(),
            "answer_form": AnswerForm(),
            "decision_form": DecisionForm(initial={"signed_on": timezone.localdate()}),
            "today": timezone.localdate(),
            "Step": Step,
        },
    )


def _back(campaign: Any, commune: Any) -> HttpResponse:
    return redirect("reviews:commune", campaign_id=campaign.pk, commune_id=commune.pk)


def _run(request: HttpRequest, done: str, action: Any, **kwargs: Any) -> None:
    if call_service(request, action, actor=request.user, **kwargs).ok:
        messages.success(request, done)


@login_required
@require_POST
def commune_list(request: HttpRequest, campaign_id: int, commune_id: int) -> HttpResponse:
    campaign, commune = _workspace(request, campaign_id, commune_id)
    count = call_service(request, services.cases_list, actor=request.user, campaign=campaign, commune=commune)
    if count.ok:
        messages.success(request, _("Đã đưa %(n)s hộ vào danh sách rà soát.") % {"n": count.value})
    return _back(campaign, commune)


@login_required
@require_POST
def commune_collect(request: HttpRequest, campaign_id: int, commune_id: int) -> HttpResponse:
    campaign, commune = _workspace(request, campaign_id, commune_id)
    count = call_service(
        request, services.cases_collect_surveys, actor=request.user, campaign=campaign, commune=commune
    )
    if count.ok:
        messages.success(request, _("Đã cập nhật kết quả chấm điểm của %(n)s hộ.") % {"n": count.value})
    return _back(campaign, commune)


@login_required
@require_POST
def village_meeting(request: HttpRequest, campaign_id: int, commune_id: int, village_id: int) -> HttpResponse:
    campaign, commune = _workspace(request, campaign_id, commune_id)
    village = selectors.village_for_commune(request.user, commune, village_id)
    form = MeetingForm(request.POST, request.FILES)
    case_ids = list(
        ReviewCase.objects.filter(campaign=campaign, village=village, step=Step.SURVEYED).values_list(
            "pk", flat=True
        )
    )
    votes = form.votes(request.POST, case_ids) if form.is_valid() else {}
    if form.errors:
        problems = [str(error) for error in form.non_field_errors()] or [
            f"{form.fields[key].label}: {errors[0]}" for key, errors in form.errors.items()
        ]
        for problem in problems:
            messages.error(request, problem)
    else:
        _run(
            request,
            _("Đã ghi nhận họp dân."),
            services.meeting_record,
            campaign=campaign,
            village=village,
            votes=votes,
            **form.cleaned_data,
        )
    return _back(campaign, commune)


@login_required
@require_POST
def village_posting(request: HttpRequest, campaign_id: int, commune_id: int, village_id: int) -> HttpResponse:
    campaign, commune = _workspace(request, campaign_id, commune_id)
    village = selectors.village_for_commune(request.user, commune, village_id)
    form = PostingForm(request.POST)
    if form.is_valid():
        _run(
            request,
            _("Đã bắt đầu niêm yết."),
            services.posting_start,
            campaign=campaign,
            village=village,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("Ngày niêm yết không hợp lệ."))
    return _back(campaign, commune)


@login_required
def posting_print(request: HttpRequest, campaign_id: int, commune_id: int, village_id: int) -> HttpResponse:
    """The printable list posted in the village and at the commune office."""
    campaign, commune = _workspace(request, campaign_id, commune_id)
    village = selectors.village_for_commune(request.user, commune, village_id)
    cases = (
        selectors.commune_cases(request.user, campaign, commune)
        .filter(village=village)
        .exclude(step__in=[Step.LISTED, Step.SURVEYED, Step.DISAGREED])
    )
    return render(
        request,
        "reviews/posting_print.html",
        {
            "campaign": campaign,
            "commune": commune,
            "village": village,
            "cases": cases,
            "posting": Posting.objects.filter(campaign=campaign, village=village).order_by("-id").first(),
        },
    )


@login_required
@require_POST
def case_objection(request: HttpRequest, campaign_id: int, commune_id: int, case_id: int) -> HttpResponse:
    campaign, commune = _workspace(request, campaign_id, commune_id)
    case = selectors.case_get_for_user(request.user, campaign, commune, case_id)
    form = ObjectionForm(request.POST)
    if form.is_valid():
        _run(request, _("Đã ghi nhận khiếu nại."), services.objection_record, case=case, **form.cleaned_data)
    else:
        messages.error(request, _("Cần ghi người khiếu nại, ngày nhận và nội dung."))
    return _back(campaign, commune)


@login_required
@require_POST
def objection_answer(
    request: HttpRequest, campaign_id: int, commune_id: int, objection_id: int
) -> HttpResponse:
    campaign, commune = _workspace(request, campaign_id, commune_id)
    objection = selectors.objection_get_for_user(request.user, campaign, commune, objection_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        _run(
            request,
            _("Đã trả lời khiếu nại."),
            services.objection_answer,
            objection=objection,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("Cần ghi nội dung và ngày trả lời."))
    return _back(campaign, commune)


@login_required
@require_POST
def commune_confirm_unchanged(request: HttpRequest, campaign_id: int, commune_id: int) -> HttpResponse:
    """«Xác nhận không thay đổi»: the chosen listed households count as surveyed with their latest result."""
    campaign, commune = _workspace(request, campaign_id, commune_id)
    chosen = [int(value) for value in request.POST.getlist("case") if value.isdigit()]
    count = call_service(
        request,
        services.cases_confirm_unchanged,
        actor=request.user,
        campaign=campaign,
        commune=commune,
        case_ids=chosen,
    )
    if count.ok:
        messages.success(
            request, _("Đã xác nhận không thay đổi; %(n)s hộ đã có kết quả chấm điểm.") % {"n": count.value}
        )
    return _back(campaign, commune)


@login_required
@require_POST
def commune_decision(request: HttpRequest, campaign_id: int, commune_id: int) -> HttpResponse:
    """The chair's decision in two steps: the summary to confirm, then the decision itself."""
    campaign, commune = _workspace(request, campaign_id, commune_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi số và ngày ký quyết định."))
        return _back(campaign, commune)
    signed_on = form.cleaned_data["signed_on"]
    if request.POST.get("confirmed") != "1":
        blockers = services.decision_blockers(campaign, commune, signed_on)
        return render(
            request,
            "reviews/decision_confirm.html",
            {
                "campaign": campaign,
                "commune": commune,
                "form": form,
                "blockers": blockers,
                "earliest": services.earliest_signing(campaign, commune) if blockers else None,
                "summary": workspace.decision_summary(campaign, commune),
                "can_decide": has_permission(request.user, Permission.DECIDE_RECOGNITION, commune),
            },
        )
    _run(
        request,
        _("Đã ban hành quyết định công nhận; diện hộ đã được cập nhật."),
        services.decision_make,
        campaign=campaign,
        commune=commune,
        **form.cleaned_data,
    )
    return _back(campaign, commune)


@login_required
@require_POST
def commune_submit(request: HttpRequest, campaign_id: int, commune_id: int) -> HttpResponse:
    campaign, commune = _workspace(request, campaign_id, commune_id)
    _run(
        request, _("Đã gửi kết quả lên tỉnh."), services.submission_submit, campaign=campaign, commune=commune
    )
    return _back(campaign, commune)


@login_required
@require_POST
def submission_review(request: HttpRequest, campaign_id: int, submission_id: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(request.user, campaign_id, submission_id)
    campaign = submission.campaign
    approve = request.POST.get("decision") == "approve"
    form = ReturnForm(request.POST)
    form.is_valid()
    if approve and request.POST.get("confirmed") != "1":
        messages.error(request, _("Hãy xem tóm tắt kết quả của xã và đánh dấu xác nhận trước khi phê duyệt."))
        return redirect("reviews:campaign", campaign_id=campaign.pk)
    _run(
        request,
        _("Đã phê duyệt.") if approve else _("Đã trả lại kết quả cho xã."),
        services.submission_review,
        submission=submission,
        approve=approve,
        reason=form.cleaned_data.get("reason", ""),
    )
    return redirect("reviews:campaign", campaign_id=campaign.pk)


@login_required
@require_POST
def submission_district(request: HttpRequest, campaign_id: int, submission_id: int) -> HttpResponse:
    """Record the district's opinion on a commune's result (three-level campaigns)."""
    submission = selectors.submission_get_for_user(request.user, campaign_id, submission_id)
    campaign = submission.campaign
    try:
        on = dt.datetime.strptime(request.POST.get("on", ""), "%d/%m/%Y").date()  # noqa: DTZ007 (a calendar date)
    except ValueError:
        messages.error(request, _("Ngày không hợp lệ (dạng 31/12/2024)."))
        return redirect("reviews:campaign", campaign_id=campaign.pk)
    _run(
        request,
        _("Đã ghi ý kiến cấp huyện."),
        services.submission_district_opinion,
        submission=submission,
        opinion=request.POST.get("opinion", ""),
        on=on,
    )
    return redirect("reviews:campaign", campaign_id=campaign.pk)


@login_required
@require_POST
def campaign_close(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = selectors.campaign_get_for_user(request.user, campaign_id)
    if request.POST.get("reopen"):
        form = ReopenForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        _run(request, _("Đã mở lại đợt rà soát."), services.campaign_reopen, campaign=campaign, reason=reason)
    else:
        _run(request, _("Đã kết thúc đợt rà soát."), services.campaign_close, campaign=campaign)
    return redirect("reviews:campaign", campaign_id=campaign.pk)
