"""The API's documentation is written for third parties: every operation in /api/schema/ has a
summary and a description of its own (no internal comments inherited from mixins), public
reads say they need no authentication, and /api/docs/ works under the CSP with no console
errors."""

import json

import pytest
from django.core.management import call_command

INTERNAL = ("rendered bytes", "validators are cheap", "the ETag is a hash", "For views whose")


@pytest.fixture(scope="module")
def schema(tmp_path_factory):
    out = tmp_path_factory.mktemp("schema") / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(out))
    return json.loads(out.read_text())


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path}", method, operation


def test_every_operation_has_a_summary_and_a_description_for_api_users(schema):
    for name, _method, operation in operations(schema):
        assert operation.get("summary"), name
        description = operation.get("description", "")
        assert len(description) > 20, name
        assert not any(phrase in description for phrase in INTERNAL), name


def test_public_reads_need_no_authentication(schema):
    for name, method, operation in operations(schema):
        if method == "get" and "/webhooks/" not in name:
            assert operation["security"][0] == {}, name


def test_a_members_own_webhooks_need_a_token_or_a_session(schema):
    webhooks = [(n, m, op) for n, m, op in operations(schema) if "/webhooks/" in n]
    assert webhooks
    for name, _method, operation in webhooks:
        assert {} not in operation["security"], name


def test_the_document_version_follows_the_changelog(schema):
    assert schema["info"]["version"] == "1.3.0"


@pytest.mark.browser
def test_the_docs_page_renders_under_the_csp_with_no_console_errors(page):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/api/docs/")
    page.wait_for_selector("text=List rumors")
    assert errors == []
