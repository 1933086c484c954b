"""Models of support delivery: catalogue, household plans, beneficiary lists and ledger, housing cases."""

from giamngheo.programs.models import AgencyKind
from giamngheo.support.models.catalogue import (
    Designation,
    PovertyCause,
    SupportLevel,
    SupportType,
    SupportUnit,
)
from giamngheo.support.models.housing import (
    STAGE_ORDER,
    HousingCase,
    HousingFunding,
    HousingProgress,
    HousingStage,
    HousingWork,
)
from giamngheo.support.models.ledger import (
    BeneficiaryEntry,
    BeneficiaryList,
    ListStatus,
    RecordStatus,
    SupportRecord,
)
from giamngheo.support.models.plans import FollowUpVisit, HouseholdPlan, PlanSolution

__all__ = [
    "STAGE_ORDER",
    "AgencyKind",
    "BeneficiaryEntry",
    "BeneficiaryList",
    "Designation",
    "FollowUpVisit",
    "HouseholdPlan",
    "HousingCase",
    "HousingFunding",
    "HousingProgress",
    "HousingStage",
    "HousingWork",
    "ListStatus",
    "PlanSolution",
    "PovertyCause",
    "RecordStatus",
    "SupportLevel",
    "SupportRecord",
    "SupportType",
    "SupportUnit",
]
