"""Schemathesis against the OpenAPI document: requests made up from the schema (valid and not)
never get a 5xx, and every answer matches its documented shape. Bounded: a few examples per
operation, so the suite stays fast."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from goodterms.api import create_app

from api_stores import TOKEN, filled_location  # noqa: F401  (fixtures)

EXAMPLES = 12


@pytest.fixture(scope="module")
def api_app(filled_location: str) -> Iterator[FastAPI]:
    app = create_app(filled_location, token=TOKEN)
    with TestClient(app):  # runs the app's startup and shutdown
        yield app


@pytest.fixture(scope="module")
def api_schema(api_app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", api_app)


def test_no_server_errors_and_documented_answers(api_schema: schemathesis.BaseSchema) -> None:
    """Every operation, EXAMPLES made-up requests each (with the token, so writes are tried too)."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                                   checks=[not_a_server_error, status_code_conformance,
                                           response_schema_conformance])

        check()


def test_openapi_documents_every_endpoint_with_its_models(api_app: FastAPI) -> None:
    document = TestClient(api_app).get("/openapi.json").json()
    paths = document["paths"]
    for path in ("/api/health", "/api/articles", "/api/articles/{article_id}", "/api/people",
                 "/api/analyze", "/api/ingest", "/api/ingest/{job_id}", "/api/merge", "/api/split"):
        assert path in paths, path
        for method, operation in paths[path].items():
            ok = next(code for code in operation["responses"] if code.startswith("2"))
            assert "$ref" in str(operation["responses"][ok]), (path, method)
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
