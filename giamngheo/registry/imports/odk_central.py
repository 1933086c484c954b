"""Pull a commune's survey submissions from an ODK Central server (its REST API, plain HTTP) into the import.

The server, the account and which commune reads which project and form come from settings (environment),
never from the database or the request, so a page can only reach the configured server. The client logs in
(`POST /v1/sessions`), lists the form's submissions (`GET …/submissions`), downloads the «CSV (zip)» export
without attachments (`GET …/submissions.csv.zip?attachments=false`) and logs out; the export then goes
through the same conversion and import as an uploaded export (preview, error file, atomic, idempotent).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _

from giamngheo.accounts.access import require_permission, units_for_user
from giamngheo.accounts.roles import Permission
from giamngheo.core.errors import AppError, ErrorCode
from giamngheo.geo.models import AdminUnit, Level
from giamngheo.registry.imports.guard import ImportLimits
from giamngheo.registry.imports.odk import odk_convert
from giamngheo.registry.imports.services import import_upload

# (method, url, headers, body, timeout) → (status, body). Tests pass a recorded transport; nothing else does.
Transport = Callable[[str, str, dict[str, str], bytes | None, float], tuple[int, bytes]]


@dataclass(frozen=True)
class CentralForm:
    project: int
    form: str


def configured_forms() -> dict[str, CentralForm]:
    """Commune code → the ODK Central project and form its submissions are read from (settings)."""
    url = str(settings.ODK_CENTRAL_URL)
    if not url or not (url.startswith("https://") or (settings.DEBUG and url.startswith("http://"))):
        return {}  # the password never travels in clear: HTTPS only (plain HTTP only when DEBUG is on)
    forms: dict[str, CentralForm] = {}
    for item in str(settings.ODK_CENTRAL_FORMS).split(","):
        code, _sep, target = item.strip().partition("=")
        project, _sep, form = target.partition(":")
        if code and project.isdigit() and form:
            forms[code.strip()] = CentralForm(project=int(project), form=form.strip())
    return forms


def urllib_transport(
    method: str, url: str, headers: dict[str, str], body: bytes | None, timeout: float
) -> tuple[int, bytes]:
    """Plain HTTP(S) with the standard library; reads at most the import's upload limit (+1 byte)."""
    request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310 — URL from settings
    limit = ImportLimits.from_settings().upload_bytes + 1
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — URL from settings
            return int(response.status), response.read(limit)
    except urllib.error.HTTPError as error:
        return int(error.code), b""


class CentralClient:
    """A logged-in session on the configured ODK Central server."""

    def __init__(self, transport: Transport | None = None) -> None:
        self.base = str(settings.ODK_CENTRAL_URL)
        self.transport = transport or urllib_transport
        self.timeout = float(settings.ODK_CENTRAL_TIMEOUT)
        self.token = ""

    def _send(self, method: str, path: str, payload: Any = None) -> bytes:
        headers = {"Accept": "*/*"}
        body = None
        if payload is not None:
            body = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            status, content = self.transport(method, f"{self.base}{path}", headers, body, self.timeout)
        except (OSError, ValueError) as error:  # refused, timed out, DNS, TLS: the server is unreachable
            raise AppError(ErrorCode.ODK_CENTRAL_UNAVAILABLE) from error
        if status in (401, 403, 404):
            raise AppError(ErrorCode.ODK_CENTRAL_REFUSED)
        if not 200 <= status < 300:
            raise AppError(ErrorCode.ODK_CENTRAL_UNAVAILABLE)
        if len(content) > ImportLimits.from_settings().upload_bytes:
            raise AppError(ErrorCode.FILE_TOO_LARGE, field="file")
        return content

    def login(self) -> None:
        answer = self._send(
            "POST",
            "/v1/sessions",
            {"email": settings.ODK_CENTRAL_EMAIL, "password": settings.ODK_CENTRAL_PASSWORD},
        )
        try:
            self.token = str(json.loads(answer)["token"])
        except (ValueError, KeyError, TypeError) as error:
            raise AppError(ErrorCode.ODK_CENTRAL_UNAVAILABLE) from error

    def logout(self) -> None:
        if self.token:
            with contextlib.suppress(AppError):  # the session expires by itself on the server
                self._send("DELETE", f"/v1/sessions/{urllib.parse.quote(self.token, safe='')}")
            self.token = ""

    def _form_path(self, target: CentralForm) -> str:
        return f"/v1/projects/{target.project}/forms/{urllib.parse.quote(target.form, safe='')}"

    def submissions(self, target: CentralForm) -> list[dict[str, Any]]:
        """The form's submissions (instance id, submitter, time, review state), as Central lists them."""
        try:
            listed = json.loads(self._send("GET", f"{self._form_path(target)}/submissions"))
        except ValueError as error:
            raise AppError(ErrorCode.ODK_CENTRAL_UNAVAILABLE) from error
        return [row for row in listed if isinstance(row, dict)] if isinstance(listed, list) else []

    def export_zip(self, target: CentralForm) -> bytes:
        """The «CSV (zip)» export: the form's CSV and its `-members` repeat CSV, without attachments."""
        return self._send("GET", f"{self._form_path(target)}/submissions.csv.zip?attachments=false")


def odk_central_pull(
    *, actor: Any, commune: AdminUnit, reference_date: dt.date, transport: Transport | None = None
) -> Any:
    """Download the commune's submissions from ODK Central and queue them as an ordinary import batch."""
    require_permission(actor, Permission.IMPORT_HOUSEHOLDS, commune)
    target = configured_forms().get(commune.code)
    if target is None:
        raise AppError(ErrorCode.ODK_CENTRAL_NOT_CONFIGURED, field="commune")
    client = CentralClient(transport)
    client.login()
    try:
        listed = client.submissions(target)
        data = client.export_zip(target) if listed else b""
    finally:
        client.logout()
    if not listed:
        raise AppError(
            ErrorCode.INVALID, _("Biểu mẫu trên máy chủ ODK Central chưa có phiếu nào."), field="commune"
        )
    name = f"odk-central-{target.form}.zip"
    return odk_submissions_import(
        actor=actor, commune=commune, data=data, name=name, reference_date=reference_date
    )


def odk_submissions_import(
    *, actor: Any, commune: AdminUnit, data: bytes, name: str, reference_date: dt.date
) -> Any:
    """Convert an ODK Central / KoboToolbox export into the two CSV files and queue the ordinary import."""
    villages = units_for_user(actor).filter(level=Level.VILLAGE, parent=commune, valid_to__isnull=True)
    converted = odk_convert(data, name, dict(villages.values_list("code", "name")))
    stem = (name or "odk").rsplit(".", 1)[0]
    return import_upload(
        actor=actor,
        scope=commune,
        upload=SimpleUploadedFile(f"{stem}-ho.csv", converted.households_csv),
        members_upload=SimpleUploadedFile(f"{stem}-thanh-vien.csv", converted.members_csv),
        reference_date=reference_date,
    )
