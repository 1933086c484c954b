"""URL configuration: pages, the API and the health check."""

from django.urls import include, path

from giamngheo.api.urls import api
from giamngheo.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("giamngheo.accounts.urls")),
    path("ma-truy-cap-dich-vu/", include("giamngheo.api.pages")),
    path("ho/", include("giamngheo.registry.urls")),
    path("ra-soat/", include("giamngheo.reviews.urls")),
    path("ke-hoach/", include("giamngheo.programs.urls")),
    path("giam-sat/", include("giamngheo.monitoring.urls")),
    path("ho-tro/", include("giamngheo.support.urls")),
    path("viec-lam/", include("giamngheo.jobs.urls")),
    path("hoat-dong/", include("giamngheo.activities.urls")),
    path("cong-trinh/", include("giamngheo.works.urls")),
    path("", include("giamngheo.workspace.urls")),
    path("", include("giamngheo.areas.urls")),
]
