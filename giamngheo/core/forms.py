"""Form helpers shared by every app's pages."""

from __future__ import annotations

from django import forms

from giamngheo.core.errors import AppError


def add_app_error(form: forms.BaseForm, error: AppError) -> None:
    """Show a service's error next to the field it names, or above the form when it names none."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
