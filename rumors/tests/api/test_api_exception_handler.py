import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIRequestFactory

from rumors.api.exceptions import api_exception_handler


@pytest.fixture
def context():
    return {"request": APIRequestFactory().post("/api/v1/rumors/"), "view": None}


def test_service_permission_denied_is_403_with_its_message(context):
    response = api_exception_handler(PermissionDenied("Only moderators vote."), context)
    assert response.status_code == 403
    assert response.data == {"detail": "Only moderators vote."}


def test_service_field_errors_are_400_by_field(context):
    error = ValidationError({"verdict": "Pick a verdict.", "rationale": "Say why."})
    response = api_exception_handler(error, context)
    assert response.status_code == 400
    assert response.data == {"verdict": ["Pick a verdict."], "rationale": ["Say why."]}


def test_service_error_without_field_is_a_non_field_error(context):
    response = api_exception_handler(ValidationError("This round is closed."), context)
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["This round is closed."]}
