"""Contract test: the live API answers what its OpenAPI description says, and never a 5xx.

schemathesis reads /api/v2/openapi.json from gunicorn serving a copy of the demo site
(production settings, like the browser tests), generates requests for every operation from
the parameters' types and limits, sends them, and checks each answer: no 5xx, a documented
status code, content type and headers, and a body that validates against the schema.

It lives among the browser tests for their live server; it needs no browser itself. The
server is a copy of its own (`editable_server`): the form's POSTs store requests and use up
the rate limit, which the other tests' pristine demo site must not see.

Deterministic (Hypothesis' `derandomize`): the same code gets the same requests, so a failure
reproduces. Examples per operation are kept low enough for CI (about a minute in all).
"""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.openapi.paths import all_paths
from tests.server import fetch

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Valid requests (every parameter within its documented type and limits), then invalid ones
# (wrong types, out of range, missing required): those must get a documented 4xx.
EXAMPLES = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 15}


def has_input_to_get_wrong(item: dict, method: str) -> bool:
    """Query or path parameters, or a body: something a negative example can make invalid."""
    parameters = [*item.get("parameters", []), *item[method].get("parameters", [])]
    return "requestBody" in item[method] or any(p["in"] != "header" for p in parameters)


CASES = [
    pytest.param(path, method.upper(), mode, id=f"{method.upper()} {path} {mode.value}")
    for path, item in all_paths().items()
    for method in ("get", "post")
    if method in item
    for mode in EXAMPLES
    if mode is GenerationMode.POSITIVE or has_input_to_get_wrong(item, method)
]


@pytest.fixture(scope="module")
def api_schema(editable_server):
    status, _, body = fetch(editable_server.url("/api/v2/openapi.json"))
    assert status == 200, f"/api/v2/openapi.json answered {status}"
    document = json.loads(body)
    return schemathesis.openapi.from_dict(document)


@pytest.mark.parametrize(("path", "method", "mode"), CASES)
def test_every_answer_matches_the_description(editable_server, api_schema, method, path, mode):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        # The description names the site's public URL; the requests go to this test server.
        case.call_and_validate(base_url=editable_server.base_url, checks=CHECKS, timeout=30)

    check()
