"""Choice labels looked up in a table built once per field, not rebuilt on every `get_FOO_display()` call."""

from __future__ import annotations

from typing import Any

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_LABELS: dict[Any, dict[Any, Any]] = {}


class FastChoiceLabels:
    """A model mixin. Django rebuilds the choice table (translating every label) on each display call: a third
    of the time of a commune's review page listing 1,300 households."""

    def _get_FIELD_display(self, field: Any) -> Any:  # noqa: N802 — Django's name
        labels = _LABELS.get(field)
        if labels is None:
            labels = _LABELS[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
