"""The API under /api/v1/, its error responses and its routers."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from giamngheo.api import activities as activities_api
from giamngheo.api import jobs as jobs_api
from giamngheo.api import me, registry, review_requests, reviews, units
from giamngheo.api import plans as plans_api
from giamngheo.api import reports as reports_api
from giamngheo.api import support as support_api
from giamngheo.api import works as works_api
from giamngheo.api.auth import AUTH
from giamngheo.api.calls import service_token_calls
from giamngheo.api.schemas import lazy_text as gettext_lazy
from giamngheo.api.scopes import scope_of
from giamngheo.api.validation import http_error_body, validation_error_body
from giamngheo.core.errors import AppError, ErrorCode, NotFound, PermissionDenied

logger = logging.getLogger(__name__)


class ScopedAPI(NinjaAPI):
    """The API whose OpenAPI schema names, for every operation, the service-token scope it needs."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                scope = scope_of(operation.get("operationId", ""))
                operation["x-service-token-scope"] = scope.value if scope is not None else None
        return schema


api = ScopedAPI(
    title="giamngheo API",
    version="1",
    description=gettext_lazy(
        "API của hệ thống quản lý Chương trình MTQG giảm nghèo bền vững. Mọi kết quả chỉ gồm dữ liệu trong "
        "địa bàn của người gọi. Xác thực bằng phiên đăng nhập hoặc `Authorization: Bearer <mã truy cập>`."
    ),
    auth=AUTH,
    urls_namespace="api",
)
api.add_decorator(service_token_calls, mode="view")
api.add_router("", units.router)
api.add_router("", me.router)
api.add_router("", plans_api.router)
api.add_router("", registry.router)
api.add_router("", support_api.router)
api.add_router("", jobs_api.router)
api.add_router("", activities_api.router)
api.add_router("", reviews.router)
api.add_router("", review_requests.router)
api.add_router("", reports_api.router)
api.add_router("", works_api.router)


@api.exception_handler(AppError)
def app_error(request: HttpRequest, error: AppError) -> HttpResponse:
    if isinstance(error, NotFound):
        status = 404
    elif isinstance(error, PermissionDenied):
        status = 403
    else:  # a stale version (someone saved since the caller read) is 409, any other refusal 400
        status = 409 if error.code == ErrorCode.CONFLICT else 400
    return api.create_response(request, error.as_dict(), status=status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    """A refused request (unknown, read-only, missing, null or out-of-range field): 422 naming the field."""
    return api.create_response(request, validation_error_body(error.errors), status=422)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    """Unreadable body (400), not signed in (401), throttled (429): the same error body as every other."""
    return api.create_response(request, http_error_body(error.status_code), status=error.status_code)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, error: Exception) -> HttpResponse:
    """Any unhandled error: logged with its traceback, answered as JSON (never Django's HTML page)."""
    logger.exception(
        "API %s %s failed: %s",
        request.method,
        request.path,
        type(error).__name__,
        extra={"method": request.method, "path": request.path, "status_code": 500},
    )
    message = _("Lỗi hệ thống; lỗi đã được ghi lại để kiểm tra. Hãy thử lại sau.")
    return api.create_response(request, {"code": "server_error", "message": message}, status=500)
