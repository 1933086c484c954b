"""Vietnamese text helpers: accent-insensitive search keys, masked personal IDs."""

from __future__ import annotations

import re
import unicodedata

_TWELVE_DIGITS = re.compile(r"(?<!\d)\d{9}(\d{3})(?!\d)")


def search_key(text: str) -> str:
    """Lower-case text without diacritics, so "nguyen van a" finds "Nguyễn Văn A" and "Đ" matches "d"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(stripped.lower().split())


def mask_personal_id(personal_id: str) -> str:
    """Show only the last 3 digits of a personal ID: *********789."""
    return f"*********{personal_id[-3:]}" if personal_id else ""


def mask_personal_ids_in(text: str) -> str:
    """The text with every run of exactly 12 digits (a personal ID) masked but for its last 3 digits."""
    return _TWELVE_DIGITS.sub(r"*********\1", text)
