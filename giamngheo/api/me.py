"""API endpoint describing the caller and their areas."""

from django.http import HttpRequest
from ninja import Router

from giamngheo.accounts.access import assignments_of
from giamngheo.api.auth import TOKEN_ATTRIBUTE
from giamngheo.api.schemas import ERRORS, MeOut
from giamngheo.api.schemas import lazy_text as _

router = Router(tags=[_("Người dùng")])


@router.get("/me", response={200: MeOut, **ERRORS}, summary=_("Thông tin người đang gọi API"))
def me(request: HttpRequest) -> dict[str, object]:
    """The caller's account (or service token) and active area assignments."""
    user = request.user
    token = getattr(request, TOKEN_ATTRIBUTE, None)
    if token is not None:  # a service token: itself, not its creator's account (name, e-mail)
        identity = {"id": token.pk, "username": f"{token.prefix}…", "full_name": token.name, "email": ""}
    else:
        identity = {
            "id": user.pk,
            "username": user.get_username(),
            "full_name": getattr(user, "full_name", ""),
            "email": getattr(user, "email", ""),
        }
    return {
        **identity,
        "assignments": [
            {"id": a.pk, "role": a.role, "role_label": str(a.get_role_display()), "unit": a.unit}
            for a in assignments_of(user)
        ],
    }
