"""Shapes of the API's input and output. No queries here: the selectors prefetch everything."""

from collections import Counter

from django.core.validators import slug_re
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.reverse import reverse

from rumors.models import Evidence, Person, Rumor, Source, TimelineEvent, VerdictVote, Work
from rumors.services.evidence import NOTE_MAX_LENGTH
from rumors.services.votes import RATIONALE_MAX_LENGTH
from rumors.verdicts import Verdict, verdict_info


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request else path


@extend_schema_serializer(component_name="Error")
class ErrorSerializer(serializers.Serializer):
    """An error. `detail` says what went wrong; validation errors instead name each bad field
    (or `non_field_errors`) with a list of messages."""

    detail = serializers.CharField(required=False)
    code = serializers.CharField(required=False)


class VerdictSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=Verdict.choices)
    label = serializers.CharField()
    meaning = serializers.CharField()


@extend_schema_field(VerdictSerializer(allow_null=True))
class VerdictField(serializers.Field):
    """null while undecided, else the verdict's code, label and meaning from the one scale."""

    def to_representation(self, code):
        info = verdict_info(code)
        if info is None:
            return None
        return {"code": info.code, "label": str(info.label), "meaning": str(info.meaning)}


class PersonBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:person-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = ["slug", "name", "name_hangul", "url", "html_url"]

    def get_html_url(self, person: Person) -> str:
        return _absolute(self.context.get("request"), person.get_absolute_url())


class WorkBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:work-detail", lookup_field="slug")
    html_url = serializers.SerializerMethodField()

    class Meta:
        model = Work
        fields = ["slug", "title", "title_korean", "year", "kind", "url", "html_url"]

    def get_html_url(self, work: Work) -> str:
        return _absolute(self.context.get("request"), work.get_absolute_url())


class PersonSerializer(PersonBriefSerializer):
    rumor_count = serializers.IntegerField(read_only=True)

    class Meta(PersonBriefSerializer.Meta):
        fields = [*PersonBriefSerializer.Meta.fields, "agency", "rumor_count"]


class PersonDetailSerializer(PersonSerializer):
    works = WorkBriefSerializer(many=True, read_only=True)
    rumors_url = serializers.SerializerMethodField()

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "works", "rumors_url"]

    def get_rumors_url(self, person: Person) -> str:
        path = reverse("api:rumor-list") + f"?person={person.slug}"
        return _absolute(self.context.get("request"), path)


class WorkSerializer(WorkBriefSerializer):
    rumor_count = serializers.IntegerField(read_only=True)
    cast = PersonBriefSerializer(many=True, read_only=True)
    rumors_url = serializers.SerializerMethodField()

    class Meta(WorkBriefSerializer.Meta):
        fields = [*WorkBriefSerializer.Meta.fields, "rumor_count", "cast", "rumors_url"]

    def get_rumors_url(self, work: Work) -> str:
        path = reverse("api:rumor-list") + f"?work={work.slug}"
        return _absolute(self.context.get("request"), path)


class SourceSerializer(serializers.ModelSerializer):
    """A link and what the fetch found there. Thumbnails of sensitive media are withheld."""

    api_url = serializers.HyperlinkedIdentityField(view_name="api:source-detail")
    fetch_state = serializers.ChoiceField(choices=Source.State.choices)
    thumbnail_url = serializers.SerializerMethodField()
    thumbnail_small_url = serializers.SerializerMethodField()
    duration_seconds = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = [
            "id",
            "api_url",
            "url",
            "final_url",
            "canonical_url",
            "fetch_state",
            "fetched_at",
            "http_status",
            "title",
            "description",
            "site_name",
            "author",
            "published_at",
            "language",
            "image_url",
            "video_url",
            "duration_seconds",
            "is_sensitive",
            "thumbnail_url",
            "thumbnail_small_url",
        ]

    def _file_url(self, source: Source, field) -> str | None:
        if not field or source.is_sensitive:
            return None
        return _absolute(self.context.get("request"), field.url)

    def get_thumbnail_url(self, source: Source) -> str | None:
        return self._file_url(source, source.thumbnail)

    def get_thumbnail_small_url(self, source: Source) -> str | None:
        return self._file_url(source, source.thumbnail_small)

    def get_duration_seconds(self, source: Source) -> int | None:
        return int(source.duration.total_seconds()) if source.duration else None


class EvidenceSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=Evidence.Kind.choices)
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices)
    status = serializers.ChoiceField(choices=Evidence.Status.choices)
    image_url = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "stance",
            "status",
            "url",
            "source_id",
            "image_url",
            "note",
            "timestamps",
            "statement_date",
            "created_at",
        ]

    def get_image_url(self, evidence: Evidence) -> str | None:
        if not evidence.image:
            return None
        return _absolute(self.context.get("request"), evidence.image.url)


class VoteTallySerializer(serializers.Serializer):
    round = serializers.IntegerField(help_text="The review round being counted (the current one).")
    total = serializers.IntegerField()
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Votes per verdict code, codes with none left out.",
    )


def _tally(rumor: Rumor) -> dict:
    """Expects rumor.all_votes (prefetched by the selectors)."""
    counts = Counter(v.verdict for v in rumor.all_votes if v.round == rumor.review_round)
    return {"round": rumor.review_round, "total": sum(counts.values()), "counts": dict(counts)}


class RumorLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    html = serializers.URLField()
    timeline = serializers.URLField()
    claimreview = serializers.URLField(allow_null=True)


class RumorSerializer(serializers.ModelSerializer):
    # Unicode slugs (Hangul titles): the model's ASCII-only pattern would misdescribe them.
    slug = serializers.CharField(read_only=True, help_text="Readable part of the page URL.")
    status = serializers.ChoiceField(choices=Rumor.Status.choices)
    verdict = VerdictField()
    people = PersonBriefSerializer(many=True, read_only=True, source="people_list")
    works = WorkBriefSerializer(many=True, read_only=True, source="works_list")
    sources = SourceSerializer(many=True, read_only=True, source="source_list")
    evidence = EvidenceSerializer(many=True, read_only=True, source="accepted_evidence")
    votes = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Rumor
        fields = [
            "id",
            "title",
            "slug",
            "claim",
            "status",
            "verdict",
            "verdict_reached_at",
            "is_disputed",
            "review_round",
            "is_sensitive",
            "people",
            "works",
            "sources",
            "evidence",
            "votes",
            "created_at",
            "updated_at",
            "last_activity_at",
            "links",
        ]

    def to_representation(self, rumor: Rumor):
        data = super().to_representation(rumor)
        if rumor.is_sensitive:
            # The whole rumor is sensitive: none of its thumbnails are given out.
            for source in data["sources"]:
                source["thumbnail_url"] = source["thumbnail_small_url"] = None
        return data

    @extend_schema_field(VoteTallySerializer)
    def get_votes(self, rumor: Rumor):
        return _tally(rumor)

    @extend_schema_field(RumorLinksSerializer)
    def get_links(self, rumor: Rumor):
        request = self.context.get("request")
        return {
            "self": reverse("api:rumor-detail", args=[rumor.pk], request=request),
            "html": _absolute(request, rumor.get_absolute_url()),
            "timeline": reverse("api:rumor-timeline", args=[rumor.pk], request=request),
            "claimreview": reverse("api:rumor-claimreview", args=[rumor.pk], request=request)
            if rumor.verdict
            else None,
        }


class RumorBriefSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:rumor-detail")
    status = serializers.ChoiceField(choices=Rumor.Status.choices)
    verdict = VerdictField()

    class Meta:
        model = Rumor
        fields = ["id", "title", "status", "verdict", "url"]


class SourceDetailSerializer(SourceSerializer):
    rumors = RumorBriefSerializer(many=True, read_only=True, source="visible_rumors")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "rumors"]


class EventRumorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:rumor-detail")

    class Meta:
        model = Rumor
        fields = ["id", "title", "url"]


class TimelineEventSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=TimelineEvent.Kind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    rumor = EventRumorSerializer(read_only=True)
    actor = serializers.SerializerMethodField()
    data = serializers.DictField(help_text="Details that depend on the kind of event.")

    class Meta:
        model = TimelineEvent
        fields = [
            "id",
            "kind",
            "kind_label",
            "created_at",
            "rumor",
            "actor",
            "source_id",
            "evidence_id",
            "data",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, event: TimelineEvent) -> str | None:
        return event.actor.public_name if event.actor else None


class StreamEventSerializer(TimelineEventSerializer):
    """The same event in the site-wide stream (its own name keeps the two page shapes apart in
    the schema: cursor pages there, numbered pages on a rumor)."""


class SlugChoicesField(serializers.ListField):
    """People or works named by their slugs: at most `max_length` of them, counted before any
    is looked up, then found in one query (one per slug took 18 s for 10,000). Each value must
    look like a slug before it reaches the database: PostgreSQL refuses text with NUL bytes."""

    default_error_messages = {"does_not_exist": "No {name} has the slug “{value}”."}

    def __init__(self, *, queryset, name: str, **kwargs):
        self.queryset, self.name = queryset, name
        super().__init__(child=serializers.RegexField(slug_re), **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, list) and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        slugs = list(dict.fromkeys(super().to_internal_value(data)))
        found = {obj.slug: obj for obj in self.queryset.filter(slug__in=slugs)}
        for slug in slugs:
            if slug not in found:
                self.fail("does_not_exist", name=self.name, value=slug)
        return [found[slug] for slug in slugs]


class RumorSubmitSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000, help_text="The link the rumor is about.")
    title = serializers.CharField(max_length=200)
    claim = serializers.CharField(max_length=10000, help_text="What the link claims.")
    people = SlugChoicesField(
        queryset=Person.objects.all(),
        name="person",
        max_length=Rumor.MAX_PEOPLE,
        required=False,
        default=list,
    )
    works = SlugChoicesField(
        queryset=Work.objects.all(),
        name="work",
        max_length=Rumor.MAX_WORKS,
        required=False,
        default=list,
    )


class DuplicateRumorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    html_url = serializers.URLField()


class DuplicateErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    rumor = DuplicateRumorSerializer()


class EvidenceSubmitSerializer(serializers.Serializer):
    """Evidence as JSON: a link. To upload an image, send the same fields as multipart."""

    kind = serializers.ChoiceField(choices=Evidence.Kind.choices)
    stance = serializers.ChoiceField(
        choices=Evidence.Stance.choices,
        help_text="Whether it supports or refutes the claim, or adds context.",
    )
    url = serializers.URLField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="The original footage, statement, article or archive. A link, an image or both.",
    )
    note = serializers.CharField(
        max_length=NOTE_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Simple Markdown: *emphasis*, **bold**, lists and links.",
    )
    timestamps = serializers.CharField(
        max_length=Evidence._meta.get_field("timestamps").max_length,
        required=False,
        allow_blank=True,
        default="",
        help_text="For original footage: where the clips match, e.g. 0:42-0:55 = 1:10.",
    )
    statement_date = serializers.DateField(required=False, allow_null=True, default=None)


class EvidenceUploadSerializer(EvidenceSubmitSerializer):
    """Evidence as multipart form data: the same fields, and an image file."""

    # A plain file field: the evidence service checks and re-encodes the image itself, so that
    # the API and the web share one set of rules.
    image = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="A screenshot or side-by-side comparison: JPEG, PNG, WebP or GIF. It is "
        "re-encoded and stripped of its metadata.",
    )


class VoteCastSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices, help_text="A code of the scale.")
    rationale = serializers.CharField(
        max_length=RATIONALE_MAX_LENGTH,
        help_text="One or two sentences: what settles it? Shown once the verdict is reached.",
    )


class VoteRumorSerializer(serializers.ModelSerializer):
    """Where the rumor stands after the vote: a bot can tell whether its vote decided it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:rumor-detail")
    status = serializers.ChoiceField(choices=Rumor.Status.choices)
    verdict = VerdictField()
    votes = serializers.SerializerMethodField()

    class Meta:
        model = Rumor
        fields = [
            "id",
            "url",
            "status",
            "verdict",
            "verdict_reached_at",
            "is_disputed",
            "review_round",
            "votes",
        ]

    @extend_schema_field(VoteTallySerializer)
    def get_votes(self, rumor: Rumor):
        return _tally(rumor)


class VoteSerializer(serializers.ModelSerializer):
    verdict = VerdictField()
    rumor = VoteRumorSerializer(read_only=True)

    class Meta:
        model = VerdictVote
        fields = ["id", "verdict", "rationale", "round", "created_at", "updated_at", "rumor"]
