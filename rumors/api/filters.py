from datetime import UTC

from django.core.exceptions import ValidationError
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from rest_framework import exceptions
from rest_framework.settings import api_settings

from rumors.models import Person, Rumor, TimelineEvent, Work
from rumors.selectors.search import person_search, rumor_search, work_search
from rumors.verdicts import Verdict


class UTCDateTimeField(IsoDateTimeField):
    """ISO 8601 with any offset Python accepts, turned into UTC, which every database takes
    (PostgreSQL refuses offsets beyond ±15:59)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError as exc:
            raise ValidationError("This date is out of range.", code="invalid") from exc


class UTCDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class StableOrderingFilter(filters.OrderingFilter):
    """Orders by the chosen field, then by id, so that pages never overlap on ties."""

    def filter(self, qs, value):
        if not value:
            return qs
        fields = [self.get_ordering_value(v) for v in value]
        tiebreak = "-id" if fields[-1].startswith("-") else "id"
        return qs.order_by(*fields, tiebreak)


class RumorFilter(filters.FilterSet):
    person = filters.CharFilter(field_name="people__slug", help_text="A person's slug.")
    work = filters.CharFilter(field_name="works__slug", help_text="A work's slug.")
    status = filters.ChoiceFilter(choices=Rumor.public_status_choices())
    verdict = filters.ChoiceFilter(choices=Verdict.choices)
    submitted_since = UTCDateTimeFilter(
        field_name="created_at", lookup_expr="gte", help_text="Submitted at or after (ISO 8601)."
    )
    submitted_until = UTCDateTimeFilter(
        field_name="created_at", lookup_expr="lt", help_text="Submitted before (ISO 8601)."
    )
    q = filters.CharFilter(
        method="search",
        help_text="What to search for, as on the site: names (in Hangul or romanised, with "
        "particles), words of the title or claim, verdict words. Best matches first.",
    )
    ordering = StableOrderingFilter(
        fields=("created_at", "last_activity_at", "verdict_reached_at"),
        help_text="Sort field; prefix with - for descending. Default: -created_at.",
    )

    class Meta:
        model = Rumor
        fields = []

    def search(self, queryset, name, value):
        return rumor_search(queryset, value)


class TimelineFilter(filters.FilterSet):
    person = filters.CharFilter(field_name="rumor__people__slug", help_text="A person's slug.")
    work = filters.CharFilter(field_name="rumor__works__slug", help_text="A work's slug.")
    kind = filters.ChoiceFilter(choices=TimelineEvent.Kind.choices)
    since = UTCDateTimeFilter(
        field_name="created_at", lookup_expr="gte", help_text="Events at or after (ISO 8601)."
    )

    class Meta:
        model = TimelineEvent
        fields = []


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(
        method="search", help_text="A name, romanized or in Hangul, as on the site."
    )

    class Meta:
        model = Person
        fields = []

    def search(self, queryset, name, value):
        return person_search(queryset, value)


class WorkFilter(filters.FilterSet):
    q = filters.CharFilter(method="search", help_text="A title, English or Korean, as on the site.")
    kind = filters.ChoiceFilter(choices=Work.Kind.choices)
    year = filters.NumberFilter()
    person = filters.CharFilter(field_name="cast__slug", help_text="A cast member's slug.")

    class Meta:
        model = Work
        fields = []

    def search(self, queryset, name, value):
        return work_search(queryset, value)


class StrictFilterBackend(filters.DjangoFilterBackend):
    """django-filter's backend, except that a list answers 400 naming every query parameter it
    does not know, instead of ignoring it: a client that misspells `verdict`, or asks for a
    filter that does not exist, must not silently read every rumor as if it matched."""

    def known_parameters(self, view) -> set[str]:
        names = {api_settings.URL_FORMAT_OVERRIDE} - {None}
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is not None:
            names |= set(filterset_class.base_filters)
        paginator = getattr(view, "paginator", None)
        for attribute in ("page_query_param", "page_size_query_param", "cursor_query_param"):
            if name := getattr(paginator, attribute, None):
                names.add(name)
        return names

    def filter_queryset(self, request, queryset, view):
        unknown = sorted(set(request.query_params) - self.known_parameters(view))
        if unknown:
            known = ", ".join(sorted(self.known_parameters(view)))
            raise exceptions.ValidationError(
                {name: [f"Unknown query parameter. This list takes: {known}."] for name in unknown}
            )
        return super().filter_queryset(request, queryset, view)
