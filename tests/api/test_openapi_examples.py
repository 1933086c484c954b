"""The review, request and periodic-report operations are documented: summary, description, an example.

Each documented example must validate against the response schema it illustrates, so an example cannot
drift from what the operation answers.
"""

from __future__ import annotations

import jsonschema_rs
import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

DOCUMENTED_PREFIXES = ("/api/v1/reviews/", "/api/v1/reporting-rounds", "/api/v1/reports")


@pytest.fixture
def schema():
    return Client().get("/api/v1/openapi.json").json()


def _operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_review_and_report_operation_has_a_summary_a_description_and_an_example(schema):
    documented = [
        (path, method, operation)
        for path, method, operation in _operations(schema)
        if path.startswith(DOCUMENTED_PREFIXES)
    ]
    assert len(documented) == 24
    problems = []
    for path, method, operation in documented:
        success = [code for code in operation["responses"] if code.startswith("2")]
        content = operation["responses"][success[0]]["content"]["application/json"]
        if not operation.get("summary") or not operation.get("description"):
            problems.append(f"{method} {path}: summary or description missing")
        if "example" not in content:
            problems.append(f"{method} {path}: no example")
        if {"404", "422"} - set(operation["responses"]):
            problems.append(f"{method} {path}: 404 or 422 not documented")
    assert problems == []


def test_every_example_fits_its_response_schema(schema):
    problems = []
    for path, method, operation in _operations(schema):
        for code, response in operation["responses"].items():
            content = response.get("content", {}).get("application/json", {})
            if "example" not in content:
                continue
            validator = jsonschema_rs.Draft202012Validator(
                {**content["schema"], "components": schema["components"]}
            )
            errors = [error.message for error in validator.iter_errors(content["example"])]
            if errors:
                problems.append(f"{method} {path} {code}: {errors[:2]}")
    assert problems == []


def test_descriptions_are_vietnamese_and_translated(schema):
    operation = schema["paths"]["/api/v1/reviews/campaigns/{campaign_id}/progress"]["get"]
    assert operation["summary"] == "Tiến độ rà soát theo xã"
    client = Client()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/api/v1/openapi.json").json()
    translated = english["paths"]["/api/v1/reviews/campaigns/{campaign_id}/progress"]["get"]
    assert translated["summary"] == "Review progress by commune"
    assert translated["description"].startswith("Households at each step")


def test_schema_class_names_are_unique():
    """The OpenAPI components are keyed by class name: two schemas of one name silently replace each other."""
    from ninja import Schema

    import giamngheo.api.urls  # noqa: F401 — every router and its schemas imported

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    ours = [cls for cls in set(subclasses(Schema)) if cls.__module__.startswith("giamngheo.")]
    names = sorted(cls.__name__ for cls in ours)
    assert [name for name in set(names) if names.count(name) > 1] == []
