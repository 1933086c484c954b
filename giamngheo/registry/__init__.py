"""Household registry: households, members, survey rounds, assessments, import and export."""
