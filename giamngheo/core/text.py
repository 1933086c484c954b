"""Vietnamese text helpers: accent-insensitive search keys."""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """Lower-case text without diacritics, so "nguyen van a" finds "Nguyễn Văn A" and "Đ" matches "d"."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return " ".join(stripped.lower().split())
