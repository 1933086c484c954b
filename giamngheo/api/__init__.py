"""API: django-ninja routers under /api/v1/."""
