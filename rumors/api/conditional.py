"""Conditional GET: validators computed before the expensive work, 304 when they match."""

import hashlib

from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date, quote_etag

from rumors.selectors import Validators


def _etag(request, validators: Validators) -> str:
    # The same resource renders differently per format and page, so they are part of the tag.
    key = f"{validators.etag}|{request.accepted_renderer.format}|{request.get_full_path()}"
    return "W/" + quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32])


def not_modified(request, validators: Validators | None):
    """A 304 response if the client's copy is current, else None."""
    if validators is None:
        return None
    return get_conditional_response(
        request._request,
        etag=_etag(request, validators),
        last_modified=int(validators.last_modified.timestamp()),
    )


def add_validators(request, response, validators: Validators | None):
    if validators is not None and response.status_code == 200:
        response["ETag"] = _etag(request, validators)
        response["Last-Modified"] = http_date(validators.last_modified.timestamp())
    patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
    return response


class BodyETagMixin:
    """For details without a change timestamp (people, works, sources, markup): the ETag is a
    hash of the body, so a client revalidating an unchanged object gets an empty 304."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            set_response_etag(response)
            response = get_conditional_response(
                request._request, etag=response["ETag"], response=response
            )
            patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
        return response


class ConditionalMixin:
    """For views whose validators are cheap to compute: 304 before loading the response."""

    def validators(self) -> Validators | None:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        validators = self.current_validators = self.validators()
        response = not_modified(request, validators)
        if response is None:
            response = super().get(request, *args, **kwargs)
        return add_validators(request, response, validators)
