import base64
import binascii
import json
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class PagePagination(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def page_size(self):
        return settings.API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE


class TimelineCursorPagination(BasePagination):
    """Keyset pagination on (created_at, id), newest first.

    A cursor is a position between two events and a direction. `next` goes to older events;
    `previous` goes to newer ones and is never null: a client that keeps following `previous`
    receives every event that arrives after its first page exactly once, in pages of at most
    page_size (the oldest unseen first), and an empty page while nothing new has arrived.
    Unlike offset pagination, rows added meanwhile cannot shift the pages.
    """

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"
    OLDER, NEWER = "o", "n"

    def paginate_queryset(self, queryset: QuerySet, request, view=None):
        self.request = request
        size = self._page_size(request)
        direction, position = self._decode(request.query_params.get(self.cursor_query_param))
        if position is None:
            rows = list(queryset.order_by("-created_at", "-id")[: size + 1])
            page, self.has_older = rows[:size], len(rows) > size
        else:
            at, pk = position
            if direction == self.OLDER:
                # The first term bounds the range so the (created_at, id) index can serve it.
                after = Q(created_at__lte=at) & (Q(created_at__lt=at) | Q(id__lt=pk))
                rows = list(queryset.filter(after).order_by("-created_at", "-id")[: size + 1])
                page, self.has_older = rows[:size], len(rows) > size
            else:
                after = Q(created_at__gte=at) & (Q(created_at__gt=at) | Q(id__gt=pk))
                rows = list(queryset.filter(after).order_by("created_at", "id")[:size])
                page = rows[::-1]
                # The cursor stands just after an event the client has, so older ones exist.
                self.has_older = True
        self.page = page
        if page:
            self.newest = (page[0].created_at, page[0].pk)
        else:
            # Nothing newer yet: poll from the same place (or from the start of time).
            self.newest = position or (datetime.fromtimestamp(0, tz=UTC), 0)
        return page

    def get_paginated_response(self, data):
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def get_next_link(self) -> str | None:
        if not self.page or not self.has_older:
            return None
        last = self.page[-1]
        return self._link(self.OLDER, (last.created_at, last.pk))

    def get_previous_link(self) -> str:
        return self._link(self.NEWER, self.newest)

    def _link(self, direction: str, position: tuple[datetime, int]) -> str:
        at, pk = position
        raw = json.dumps({"d": direction, "t": at.isoformat(), "i": pk}).encode()
        token = base64.urlsafe_b64encode(raw).decode().rstrip("=")
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, token)

    def _decode(self, token: str | None):
        if not token:
            return None, None
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            data = json.loads(raw)
            direction = data["d"]
            at = datetime.fromisoformat(data["t"])
            pk = data["i"]
            if direction not in (self.OLDER, self.NEWER) or at.utcoffset() != timedelta(0):
                raise ValueError(direction)
            # Only what _link writes: a UTC time (an offset of +23:59 is valid Python but not
            # PostgreSQL) and an id a bigint holds (not Infinity, not 10**30).
            if type(pk) is not int or not 0 <= pk < 2**63:
                raise ValueError(pk)
        except (
            binascii.Error,
            ValueError,
            KeyError,
            TypeError,
            UnicodeDecodeError,
            OverflowError,
            RecursionError,
        ) as exc:
            raise NotFound("Invalid cursor: use a `next` or `previous` link as given.") from exc
        return direction, (at, pk)

    def _page_size(self, request) -> int:
        try:
            size = int(request.query_params[self.page_size_query_param])
        except (KeyError, ValueError):
            return settings.API_PAGE_SIZE
        return max(1, min(size, settings.API_MAX_PAGE_SIZE))

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "An opaque position from a `next` or `previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Events per page, at most {settings.API_MAX_PAGE_SIZE}.",
                "schema": {"type": "integer", "minimum": 1},
            },
        ]

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "Older events; null at the oldest.",
                },
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "description": "Newer events: poll this link to receive new ones.",
                },
                "results": schema,
            },
        }
