"""Poverty standards engine: versioned standards as data, vectorised classification, explanations."""

from giamngheo.standards.engine import classify_frame
from giamngheo.standards.explain import explain_frame
from giamngheo.standards.facts import HouseholdFacts, MemberFacts, households_frame, members_frame
from giamngheo.standards.loader import (
    StandardDataError,
    available_standards,
    load_standard,
    standard_for_year,
)
from giamngheo.standards.model import Category, Confidence, Standard
from giamngheo.standards.overrides import apply_override, load_override
from giamngheo.standards.single import HouseholdResult, IndicatorVerdict, classify_household

__all__ = [
    "Category",
    "Confidence",
    "HouseholdFacts",
    "HouseholdResult",
    "IndicatorVerdict",
    "MemberFacts",
    "Standard",
    "StandardDataError",
    "apply_override",
    "available_standards",
    "classify_frame",
    "classify_household",
    "explain_frame",
    "households_frame",
    "load_override",
    "load_standard",
    "members_frame",
    "standard_for_year",
]
