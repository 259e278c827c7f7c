"""Requests refused before any view sees them."""

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class RefuseNullCharactersMiddleware:
    """A NUL in the address is refused before any view runs: PostgreSQL refuses NUL in every
    query, so a view that passed one on (a search, a lookup by name) answered 500. In the path no
    page can have one (404); in the query string it is a bad request (400). Under /api/ the
    answer is JSON, like the API's other errors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path_info.startswith("/api/")
        if "\x00" in request.path_info:
            if api:
                return JsonResponse({"detail": _("Not found.")}, status=404)
            raise Http404("No page has a null character in its address.")
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            message = _("The address contains a null character.")
            if api:
                return JsonResponse({"detail": message, "code": "null_character"}, status=400)
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
