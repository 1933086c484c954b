"""Households, members, survey rounds (facts of one review), assessments (insert-only results)."""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from giamngheo.core.choices import FastChoiceLabels
from giamngheo.core.models import InsertOnlyModel
from giamngheo.standards.explanation_store import expand


class HouseholdStatus(models.TextChoices):
    """The status the commune has recognised (set by imports of existing lists and by review decisions)."""

    NONE = "none", _("Không thuộc diện")
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    AVERAGE = "average", _("Hộ có mức sống trung bình")


class TransitionKind(models.TextChoices):
    NEW_POOR = "new_poor", _("Phát sinh mới hộ nghèo")
    NEW_NEAR_POOR = "new_near_poor", _("Phát sinh mới hộ cận nghèo")
    RELAPSE_POOR = "relapse_poor", _("Tái nghèo")
    RELAPSE_NEAR_POOR = "relapse_near_poor", _("Tái cận nghèo")
    NEAR_POOR_TO_POOR = "near_poor_to_poor", _("Cận nghèo trở thành nghèo")
    POOR_TO_NEAR_POOR = "poor_to_near_poor", _("Nghèo trở thành cận nghèo")
    ESCAPED_POOR = "escaped_poor", _("Thoát nghèo")
    ESCAPED_NEAR_POOR = "escaped_near_poor", _("Thoát cận nghèo")
    MOVED_AWAY = "moved_away", _("Chuyển đi")
    MERGED = "merged", _("Nhập hộ")
    OTHER = "other", _("Khác")


class StatusTransition(InsertOnlyModel):
    """A change of a household's recognised status; written only by `registry.status`."""

    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT, related_name="transitions")
    kind = models.CharField(max_length=24, choices=TransitionKind.choices)
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    effective_on = models.DateField(_("ngày hiệu lực"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("biến động diện hộ")
        verbose_name_plural = _("biến động diện hộ")
        ordering: ClassVar = ["household", "effective_on", "id"]
        indexes: ClassVar = [
            models.Index(fields=["household", "-effective_on"], name="household_transition_idx")
        ]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.kind} {self.effective_on}"


class Residence(models.TextChoices):
    PERMANENT = "permanent", _("Thường trú")
    TEMPORARY = "temporary", _("Tạm trú")


class Household(FastChoiceLabels, models.Model):
    """A household under the Law on Residence, located in a current commune and village."""

    code = models.CharField(_("mã hộ"), max_length=32, unique=True)
    province = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    commune = models.ForeignKey(
        "geo.AdminUnit", verbose_name=_("xã"), on_delete=models.PROTECT, related_name="households"
    )
    village = models.ForeignKey(
        "geo.AdminUnit",
        verbose_name=_("thôn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_households",
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    residence = models.CharField(
        _("cư trú"), max_length=16, choices=Residence.choices, default=Residence.PERMANENT
    )
    registered_on = models.DateField(_("ngày đăng ký"))
    status = models.CharField(
        _("diện hộ được công nhận"),
        max_length=16,
        choices=HouseholdStatus.choices,
        default=HouseholdStatus.NONE,
    )
    head_name = models.CharField(_("chủ hộ"), max_length=128, blank=True)
    search_name = models.CharField(_("tên chủ hộ không dấu"), max_length=128, blank=True)
    # The head's and every active member's accent-free names, "|"-separated: kept by database triggers
    # (registry.name_search), whatever the application writes here.
    search_names = models.TextField(editable=False, blank=True, default="")
    is_ethnic_minority = models.BooleanField(_("hộ dân tộc thiểu số"), default=False)
    has_merit_member = models.BooleanField(_("có người có công"), default=False)
    latest_category = models.CharField(_("kết quả đánh giá gần nhất"), max_length=16, blank=True)
    latest_assessment = models.ForeignKey(
        "Assessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_active = models.BooleanField(_("đang quản lý"), default=True)
    closed_on = models.DateField(_("ngày ra khỏi sổ"), null=True, blank=True)
    closed_reason = models.CharField(_("lý do ra khỏi sổ"), max_length=32, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text=_("Tăng mỗi lần sửa, để phát hiện sửa đồng thời")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering: ClassVar = ["commune", "code"]
        indexes: ClassVar = [
            models.Index(fields=["commune", "code"], name="household_commune_code_idx"),
            models.Index(fields=["province", "status"], name="household_province_status_idx"),
            models.Index(fields=["village", "code"], name="household_village_code_idx"),
            models.Index(fields=["commune", "search_name"], name="household_commune_name_idx"),
            # Assessed poor or near-poor: the few a commune's review offers to list (reviews.workspace).
            models.Index(
                fields=["commune", "code"],
                name="household_assessed_poor_idx",
                condition=Q(is_active=True, latest_category__in=["poor", "near_poor"]),
            ),
        ]
        constraints: ClassVar = [
            # A closed household says when and why it left the registry.
            models.CheckConstraint(
                condition=Q(is_active=True) | (Q(closed_on__isnull=False) & ~Q(closed_reason="")),
                name="household_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.head_name}" if self.head_name else self.code


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


# Labels of the standards engine's assessment categories, for pages (the engine's own are Vietnamese only).
CATEGORY_LABELS = {
    "poor": _("hộ nghèo"),
    "near_poor": _("hộ cận nghèo"),
    "average": _("hộ có mức sống trung bình"),
    "not_poor": _("hộ không nghèo"),
}


class MemberExit(models.TextChoices):
    MOVED_OUT = "moved_out", _("Chuyển đi")
    DIED = "died", _("Chết")
    SPLIT = "split", _("Tách hộ")
    MERGED = "merged", _("Nhập hộ khác")


# A member's identity as recorded (and as imported, compared and signed): one list for every reader.
MEMBER_IDENTITY_FIELDS = (
    "full_name",
    "personal_id",
    "birth_date",
    "birth_year",
    "sex",
    "ethnicity",
    "relation",
    "has_merit",
)


class Member(models.Model):
    """A person of a household: identity here, the facts of each review in MemberFacts."""

    household = models.ForeignKey(
        Household, verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="members"
    )
    member_no = models.PositiveSmallIntegerField(_("số thứ tự"))
    full_name = models.CharField(_("họ và tên"), max_length=128)
    search_name = models.CharField(max_length=128, db_index=True)
    personal_id = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"))
    sex = models.CharField(_("giới tính"), max_length=8, choices=Sex.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=2, default="01")
    relation = models.CharField(_("quan hệ với chủ hộ"), max_length=24, default="other")
    has_merit = models.BooleanField(_("người có công với cách mạng"), default=False)
    is_active = models.BooleanField(_("đang trong hộ"), default=True)
    left_on = models.DateField(_("ngày ra khỏi hộ"), null=True, blank=True)
    left_reason = models.CharField(_("lý do"), max_length=16, choices=MemberExit.choices, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text=_("Tăng mỗi lần sửa, để phát hiện sửa đồng thời")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên")
        ordering: ClassVar = ["household", "member_no"]
        constraints: ClassVar = [
            # Imports and forms address a member by household code and number.
            models.UniqueConstraint(fields=["household", "member_no"], name="member_unique_number"),
            # One living person, one active registry record: the personal ID is unique among active members.
            models.UniqueConstraint(
                fields=["personal_id"],
                condition=Q(is_active=True) & ~Q(personal_id=""),
                name="member_unique_active_personal_id",
            ),
            # The personal identification number has exactly 12 digits when recorded.
            models.CheckConstraint(
                condition=Q(personal_id="") | Q(personal_id__regex=r"^[0-9]{12}$"),
                name="member_personal_id_12_digits",
            ),
            models.CheckConstraint(
                condition=Q(is_active=True) | ~Q(left_reason=""), name="member_left_has_reason"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["personal_id"], name="member_personal_id_idx"),
            models.Index(fields=["household", "birth_year"], name="member_household_birth_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name


class SurveyRound(InsertOnlyModel):
    """The household facts recorded at one review (a survey form, or a row of an imported file)."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="rounds")
    reference_date = models.DateField(_("ngày tham chiếu"))
    source = models.CharField(_("nguồn"), max_length=16, default="form")  # form | import | api
    import_batch = models.ForeignKey(
        "ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    area = models.CharField(_("khu vực"), max_length=8)
    income_per_capita = models.BigIntegerField(_("thu nhập bình quân đầu người/tháng"), null=True, blank=True)
    income_score = models.IntegerField(_("điểm A"), null=True, blank=True)
    has_house = models.BooleanField(_("có nhà ở"), null=True)
    foundation_material = models.CharField(max_length=24, blank=True)
    walls_material = models.CharField(max_length=24, blank=True)
    roof_material = models.CharField(max_length=24, blank=True)
    floor_area_m2 = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    water_source = models.CharField(max_length=24, blank=True)
    latrine = models.CharField(max_length=24, blank=True)
    internet_use = models.BooleanField(null=True)
    phone_use = models.BooleanField(null=True)
    digital_services_use = models.BooleanField(null=True)
    has_television = models.BooleanField(null=True)
    has_radio = models.BooleanField(null=True)
    has_computer = models.BooleanField(null=True)
    has_smartphone = models.BooleanField(null=True)
    loudspeaker_access = models.BooleanField(null=True)
    waste_treatment = models.BooleanField(null=True)
    agricultural = models.BooleanField(null=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu rà soát")
        verbose_name_plural = _("phiếu rà soát")
        ordering: ClassVar = ["household", "-reference_date", "-id"]
        indexes: ClassVar = [models.Index(fields=["household", "-id"], name="round_household_latest_idx")]

    def __str__(self) -> str:
        return f"{self.household_id} @ {self.reference_date}"


class MemberFacts(InsertOnlyModel):
    """One member's facts in one survey round."""

    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="member_facts")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="facts")
    employment = models.CharField(max_length=32, blank=True)
    working_capacity = models.CharField(max_length=16, blank=True)
    disability = models.CharField(max_length=16, blank=True)
    social_allowance = models.BooleanField(null=True)
    health_insurance = models.BooleanField(null=True)
    education = models.CharField(max_length=32, blank=True)
    in_school = models.BooleanField(null=True)
    nutrition = models.CharField(max_length=24, blank=True)
    ill_untreated = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("thông tin thành viên trong phiếu")
        verbose_name_plural = _("thông tin thành viên trong phiếu")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["round", "member"], name="memberfacts_unique_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} in {self.round_id}"


class Assessment(InsertOnlyModel):
    """The result of a poverty standard applied to a survey round; never changed afterwards."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="assessments")
    round = models.ForeignKey(SurveyRound, on_delete=models.PROTECT, related_name="assessments")
    standard = models.CharField(_("chuẩn nghèo"), max_length=16)
    reference_date = models.DateField(_("ngày tham chiếu"))
    income_path = models.CharField(_("cách xác định thu nhập"), max_length=8)  # income | score
    income_per_capita = models.BigIntegerField(null=True, blank=True)
    income_score = models.IntegerField(null=True, blank=True)
    deprived = models.CharField(_("chỉ số thiếu hụt"), max_length=255, blank=True)  # comma-separated keys
    deprivation_count = models.PositiveSmallIntegerField(_("số chỉ số thiếu hụt"))
    score_b = models.PositiveSmallIntegerField(_("điểm B"))
    category = models.CharField(_("phân loại"), max_length=16, db_index=True)
    low_income_worker = models.BooleanField(_("có người lao động thu nhập thấp"), default=False)
    explanation = models.JSONField(_("giải thích"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assessed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả đánh giá")
        verbose_name_plural = _("kết quả đánh giá")
        ordering: ClassVar = ["household", "-id"]

    def __str__(self) -> str:
        return f"{self.household_id}: {self.category} ({self.standard})"

    @property
    def deprived_keys(self) -> list[str]:
        return [key for key in self.deprived.split(",") if key]

    @cached_property
    def full_explanation(self) -> dict[str, Any]:
        """The explanation as the engine gave it, the standard's text added back (`explanation_store`)."""
        return expand(self.explanation)


class ConfirmationSource(models.TextChoices):
    IMPORT = "import", _("nhập lại tệp không thay đổi")
    CONFIRM = "confirm", _("xác nhận không thay đổi")


class SurveyConfirmation(InsertOnlyModel):
    """A household re-surveyed and found unchanged: its latest assessment holds at this reference date.

    Written by an import that finds the household's facts unchanged and by the commune's bulk
    «xác nhận không thay đổi»; the review counts it as the household's survey of the period.
    """

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="confirmations")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="confirmations")
    reference_date = models.DateField(_("ngày tham chiếu"))
    source = models.CharField(_("nguồn"), max_length=16, choices=ConfirmationSource.choices)
    import_batch = models.ForeignKey(
        "ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("xác nhận hộ không thay đổi")
        verbose_name_plural = _("xác nhận hộ không thay đổi")
        ordering: ClassVar = ["household", "-id"]
        indexes: ClassVar = [
            models.Index(fields=["household", "reference_date"], name="confirm_household_date_idx")
        ]

    def __str__(self) -> str:
        return f"{self.household_id} @ {self.reference_date} ({self.source})"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Đã tải lên")
    VALIDATING = "validating", _("Đang kiểm tra")
    VALIDATED = "validated", _("Đã kiểm tra, chờ xác nhận")
    INVALID = "invalid", _("Có lỗi, chưa nhập")
    APPLYING = "applying", _("Đang nhập")
    APPLIED = "applied", _("Đã nhập")
    FAILED = "failed", _("Lỗi hệ thống")


class ImportBatch(models.Model):
    """One uploaded file: validated in the background, previewed, then applied all at once."""

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scope = models.ForeignKey(
        "geo.AdminUnit", on_delete=models.PROTECT, related_name="+", help_text=_("Xã (hoặc tỉnh) của tệp")
    )
    file = models.FileField(upload_to="imports/%Y/%m/")
    members_file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=255)
    standard = models.CharField(max_length=16)
    reference_date = models.DateField()
    status = models.CharField(max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    households_new = models.PositiveIntegerField(default=0)
    households_updated = models.PositiveIntegerField(default=0)
    households_unchanged = models.PositiveIntegerField(default=0)
    members_total = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    error_file = models.FileField(upload_to="imports/errors/%Y/%m/", blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    validated_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    # Written by the running job at each stage; a validating/applying batch whose heartbeat is older than
    # IMPORT_LIMITS["stale_seconds"] belongs to a dead worker and is marked failed by `import_sweep`.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lần nhập tệp")
        verbose_name_plural = _("lần nhập tệp")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.progress_done / self.progress_total) if self.progress_total else 0


class ImportBatchHousehold(models.Model):
    """The version of a household already in the registry when its import was checked (lost-update guard)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="household_versions")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()

    class Meta:
        constraints: ClassVar = [
            # One recorded version per household and batch: the apply compares exactly one.
            models.UniqueConstraint(fields=["batch", "household"], name="import_batch_household_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.household_id}@{self.version}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi hệ thống")


class ExportJob(models.Model):
    """A large export written in the background; only the user who asked can download it."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filters = models.JSONField(_("bộ lọc"), help_text=_("Các điều kiện lọc danh sách hộ khi yêu cầu"))
    kinds = models.CharField(max_length=64)
    file_format = models.CharField(max_length=4)
    full_personal_ids = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    rows = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", blank=True)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tệp xuất dữ liệu")
        verbose_name_plural = _("tệp xuất dữ liệu")
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kinds}.{self.file_format} ({self.get_status_display()})"


# The annual run's models, the counts and the survey drafts live in their own modules (this one is near its
# size limit).
from giamngheo.registry.models_annual import AnnualRun, AnnualRunCommune, AnnualRunStatus  # noqa: E402, F401
from giamngheo.registry.models_counts import HouseholdCount, RoundMemberCount  # noqa: E402, F401
from giamngheo.registry.models_drafts import SurveyDraft  # noqa: E402, F401
