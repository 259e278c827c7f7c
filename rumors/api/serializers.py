"""Shapes of the API's input and output. No queries here: the selectors prefetch everything."""

from django.core.validators import slug_re
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.reverse import reverse

from rumors import provenance
from rumors.media import media_debunked, media_visible, media_withheld, suggestion_pictures
from rumors.models import (
    CatalogStatus,
    Evidence,
    MediaLink,
    Person,
    Reference,
    Report,
    Rumor,
    Source,
    TimelineEvent,
    VerdictVote,
    Work,
)
from rumors.permissions import can_see_event_actor
from rumors.selectors.cards import rumor_card_url
from rumors.verdicts import Verdict, round_outcome, round_summary, verdict_info


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


class ProvenanceSerializer(serializers.Serializer):
    """What the picture's own metadata said before it was re-encoded (the stored file keeps
    none of it). `kind`: `ai_generated` (a C2PA action or IPTC DigitalSourceType says a
    generator made it, or a Software field names one), `edited_after_signing` (the C2PA data
    hash no longer matches), `camera_signed`, `signed`, `unreadable` (malformed or hostile
    metadata, not read). `signer_trusted` is false unless a trust list is configured (none is
    by default). A missing credential proves nothing: most platforms strip metadata."""

    kind = serializers.CharField()
    label = serializers.CharField()
    claim_generator = serializers.CharField()
    digital_source_types = serializers.ListField(child=serializers.CharField())
    software = serializers.CharField()
    signature_valid = serializers.BooleanField(allow_null=True)
    signer_trusted = serializers.BooleanField(allow_null=True)
    signer = serializers.CharField()
    data_hash_match = serializers.BooleanField(allow_null=True)


def _provenance(row, hidden: bool) -> dict | None:
    if hidden or not provenance.shows(row.provenance):
        return None
    finding = row.provenance
    return {
        **{name: finding.get(name) for name in ProvenanceSerializer().fields if name != "label"},
        "label": provenance.label(finding),
    }


class SourceSerializer(serializers.ModelSerializer):
    """A link and what the fetch found there. The media of a link that may not be shown
    (sensitive, or on a sensitive rumor) is withheld: its thumbnails and its image and video
    links are null. A link withheld after a report (`media_withheld`) also has null `url`,
    `final_url`, `canonical_url`, `author` and `author_handle`: the account is not named.

    `media_debunked` is true when a verdict on a rumor the link is about says its media is
    fake or misleading (`ai_generated`, `edited`, `out_of_context`, `staged`): the data stays,
    so that a client can do as the site does: show its pictures only small, labelled with the
    verdict and behind a click, never in a preview, and link to it through a warning, never
    an embed.

    Expects `media_rumors` in the context: the rumors whose sensitivity and verdict bear on
    the link."""

    api_url = serializers.HyperlinkedIdentityField(view_name="api:source-detail")
    url = serializers.SerializerMethodField()
    final_url = serializers.SerializerMethodField()
    canonical_url = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    author_handle = serializers.SerializerMethodField()
    media_withheld = serializers.SerializerMethodField()
    media_debunked = serializers.SerializerMethodField()
    fetch_state = serializers.ChoiceField(choices=Source.State.choices)
    image_url = serializers.SerializerMethodField()
    video_url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    thumbnail_small_url = serializers.SerializerMethodField()
    duration_seconds = serializers.SerializerMethodField()
    provenance = serializers.SerializerMethodField()

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
            "platform",
            "author",
            "author_handle",
            "published_at",
            "language",
            "image_url",
            "video_url",
            "duration_seconds",
            "is_sensitive",
            "media_withheld",
            "media_debunked",
            "thumbnail_url",
            "thumbnail_small_url",
            "provenance",
        ]
        extra_kwargs = {
            "site_name": {"help_text": "Who published it: the news outlet, the site or the app."},
            "platform": {
                "help_text": "The platform the post lives on (YouTube, X, Instagram, TikTok, "
                "Naver...); empty for a site of its own."
            },
            "published_at": {"help_text": "When the page says it was first posted."},
        }

    def get_media_withheld(self, source: Source) -> bool:
        """True while a report withholds the link and its media, until a moderator decides."""
        return media_withheld(source)

    @extend_schema_field(ProvenanceSerializer(allow_null=True))
    def get_provenance(self, source: Source) -> dict | None:
        """What its picture's metadata said; null when it said nothing or while withheld."""
        return _provenance(source, media_withheld(source))

    def get_media_debunked(self, source: Source) -> bool:
        """True when a verdict found the media fake or misleading: show it only small, behind
        a click and labelled with the verdict, never in a preview or an embed."""
        return media_debunked(*self._rumors_about(source)) is not None

    def _rumors_about(self, source: Source):
        """The rumors whose link this is (in a rumor's answer, that rumor)."""
        return self.context.get("media_rumors", ())

    def _link(self, source: Source, value: str) -> str | None:
        return None if media_withheld(source) else value

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, source: Source) -> str | None:
        """The link as submitted; null while withheld after a report."""
        return self._link(source, source.url)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_final_url(self, source: Source) -> str | None:
        return self._link(source, source.final_url)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_canonical_url(self, source: Source) -> str | None:
        return self._link(source, source.canonical_url)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, source: Source) -> str | None:
        """The account or channel that posted it, or a news byline, without "By " or "@";
        null while withheld after a report."""
        return self._link(source, source.author)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author_handle(self, source: Source) -> str | None:
        """The account's handle, without its "@" (empty when the page gives none); null while
        withheld after a report."""
        return self._link(source, source.author_handle)

    def _shown(self, source: Source) -> bool:
        return media_visible(source, *self.context.get("media_rumors", ()))

    def _file_url(self, source: Source, field) -> str | None:
        if not field or not self._shown(source):
            return None
        return _absolute(self.context.get("request"), field.url)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_image_url(self, source: Source) -> str | None:
        """The picture the page declares; null when its media may not be shown."""
        return source.image_url if self._shown(source) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_video_url(self, source: Source) -> str | None:
        """The video the page declares; null when its media may not be shown."""
        return source.video_url if self._shown(source) else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, source: Source) -> str | None:
        return self._file_url(source, source.thumbnail)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_small_url(self, source: Source) -> str | None:
        return self._file_url(source, source.thumbnail_small)

    def get_duration_seconds(self, source: Source) -> int | None:
        return int(source.duration.total_seconds()) if source.duration else None


class ReferenceBriefSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="display_title")

    class Meta:
        model = Reference
        fields = ["id", "url", "title"]


class SuggestionSerializer(serializers.Serializer):
    """How the site itself found this "original footage": one of the rumor's links lies
    `match_bits` from a frame of the reference (PDQ, 256 bits; at most MEDIA_MATCH_LIKELY_BITS).
    The pictures are null where the media rules hide them (withheld, sensitive, debunked)."""

    reference = ReferenceBriefSerializer()
    matched_source_id = serializers.IntegerField(allow_null=True)
    match_bits = serializers.IntegerField()
    matched_picture_url = serializers.URLField(allow_null=True)
    reference_picture_url = serializers.URLField(allow_null=True)


class EvidenceSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=Evidence.Kind.choices)
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices)
    status = serializers.ChoiceField(choices=Evidence.Status.choices)
    url = serializers.SerializerMethodField()
    image_url = serializers.SerializerMethodField()
    media_withheld = serializers.SerializerMethodField()
    suggested_by_site = serializers.BooleanField(source="is_suggested_by_site")
    suggestion = serializers.SerializerMethodField()
    provenance = serializers.SerializerMethodField()

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
            "media_withheld",
            "note",
            "timestamps",
            "statement_date",
            "created_at",
            "suggested_by_site",
            "suggestion",
            "provenance",
        ]

    @extend_schema_field(ProvenanceSerializer(allow_null=True))
    def get_provenance(self, evidence: Evidence) -> dict | None:
        """What its image's metadata said (or, suggested by the site, its link's picture's)."""
        return _provenance(evidence, media_withheld(evidence=evidence))

    @extend_schema_field(SuggestionSerializer(allow_null=True))
    def get_suggestion(self, evidence: Evidence) -> dict | None:
        """Null unless the site suggested it from its reference library."""
        if not evidence.is_reference_match:
            return None
        request = self.context.get("request")
        pictures = suggestion_pictures(evidence, *self.context.get("media_rumors", ()))
        return {
            "reference": ReferenceBriefSerializer(evidence.reference).data,
            "matched_source_id": evidence.matched_source_id,
            "match_bits": evidence.match_bits,
            "matched_picture_url": pictures.matched and _absolute(request, pictures.matched.url),
            "reference_picture_url": pictures.reference
            and _absolute(request, pictures.reference.url),
        }

    def get_media_withheld(self, evidence: Evidence) -> bool:
        """True while a report withholds its link and image (the note stays)."""
        return media_withheld(evidence=evidence)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_url(self, evidence: Evidence) -> str | None:
        """The link; null while withheld after a report."""
        return None if media_withheld(evidence=evidence) else evidence.url

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_image_url(self, evidence: Evidence) -> str | None:
        """Null on a rumor whose media may not be shown (media_rumors in the context), or
        while withheld after a report."""
        rumors = self.context.get("media_rumors", ())
        if not evidence.image or not media_visible(None, *rumors, evidence=evidence):
            return None
        return _absolute(self.context.get("request"), evidence.image.url)


class VotesNeededSerializer(serializers.Serializer):
    votes = serializers.IntegerField(
        help_text="The fewest further votes that would settle the round (0 once it has its "
        "verdict, or while it is disputed)."
    )
    verdicts = serializers.ListField(
        child=serializers.ChoiceField(choices=Verdict.choices),
        help_text="The verdicts those votes would settle it on (empty before the first vote).",
    )


class VoteTallySerializer(serializers.Serializer):
    round = serializers.IntegerField(help_text="The review round being counted (the current one).")
    total = serializers.IntegerField()
    counts = serializers.DictField(
        child=serializers.IntegerField(),
        help_text="Votes per verdict code, codes with none left out.",
    )
    needs = VotesNeededSerializer()
    summary = serializers.CharField(
        help_text="What the round needs next, in the reader's language: for example "
        "'Needs 1 more vote for AI-generated.' or 'Disputed: new evidence or changed votes "
        "needed.'; empty once the round is closed."
    )


def _tally(rumor: Rumor) -> dict:
    """Expects rumor.all_votes (prefetched by the selectors). Counted by the one rule in
    rumors/verdicts.py; who voted is not part of it."""
    outcome = round_outcome(v.verdict for v in rumor.all_votes if v.round == rumor.review_round)
    settled = not rumor.is_open
    return {
        "round": rumor.review_round,
        "total": outcome.total,
        "counts": outcome.tally,
        "needs": {
            "votes": 0 if settled or rumor.is_disputed else outcome.votes_needed,
            "verdicts": [] if settled or rumor.is_disputed else list(outcome.needed_for),
        },
        "summary": "" if settled else round_summary(outcome, disputed=rumor.is_disputed),
    }


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
    sources = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Rumor
        fields = [
            "id",
            "title",
            "slug",
            "claim",
            "title_ko",
            "claim_ko",
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

    def _media_context(self, rumor: Rumor) -> dict:
        return {**self.context, "media_rumors": [rumor]}

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, rumor: Rumor):
        return SourceSerializer(
            rumor.source_list, many=True, context=self._media_context(rumor)
        ).data

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, rumor: Rumor):
        """Accepted evidence only."""
        evidence = rumor.accepted_evidence
        return EvidenceSerializer(evidence, many=True, context=self._media_context(rumor)).data

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
    """Expects a source from api_source_get: the rumors the reader may see it on, and every
    rumor it bears on (for whether its media may be shown)."""

    rumors = RumorBriefSerializer(many=True, read_only=True, source="visible_rumors")

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "rumors"]

    def _shown(self, source: Source) -> bool:
        return media_visible(source, *source.media_rumors)

    def _rumors_about(self, source: Source):
        # Not media_rumors: a rumor that cites this link as evidence does not debunk it.
        return source.rumors.all()


class EventRumorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:rumor-detail")

    class Meta:
        model = Rumor
        fields = ["id", "title", "url"]


class TimelineEventSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(
        choices=TimelineEvent.Kind.choices,
        help_text="What happened. `marked_sensitive` and `unmarked_sensitive`: a moderator "
        "marked the rumor (or, with `source_id`, one of its links) sensitive or lifted the "
        "mark; `rejected`: a moderator rejected the rumor as spam (seen only by moderators and "
        "its submitter); `evidence_rejected`: a proposal was turned down (seen only by "
        "moderators and its proposer); `vote_cast` and `vote_changed` name no actor until the "
        "round has its verdict; `reported` (a report was received, with its `category`) and "
        "`report_decided` (a moderator upheld or dismissed it, with the `reason`): seen only by "
        "moderators; `media_hidden`: a report withheld the rumor's media (or some of it) until "
        "a moderator decides; `media_restored`: a dismissed report gave it back; `held`: a "
        "moderator held the rumor while a report is reviewed (its pages answer 451 until "
        "`data.until`, at most HOLD_MAX_DAYS days; seen by moderators and, once it is public "
        "again, by everyone; `data.requester` is true when a verified requester, the person "
        "concerned or their agency, held it, and `actor` is then null but for moderators); "
        "`released`: the hold was lifted early; `redacted`: a moderator "
        "edited the title or claim (`data.fields`); `appealed`: its submitter appealed (seen only "
        "by moderators); `withdrawn`: "
        "something you could see before is gone (`data.what`: `media`, `rumor`, or `text` after a "
        "redaction), so delete "
        "your copies. `withdrawn` events appear in the stream whatever became of the rumor, "
        "with nothing but `rumor_id`: `rumor`, `actor`, `source_id` and `evidence_id` are null.",
    )
    kind_label = serializers.CharField(source="get_kind_display")
    rumor_id = serializers.IntegerField(read_only=True)
    rumor = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField()
    source_id = serializers.SerializerMethodField()
    evidence_id = serializers.SerializerMethodField()
    data = serializers.SerializerMethodField()

    class Meta:
        model = TimelineEvent
        fields = [
            "id",
            "kind",
            "kind_label",
            "created_at",
            "rumor_id",
            "rumor",
            "actor",
            "source_id",
            "evidence_id",
            "data",
        ]

    @staticmethod
    def _contentless(event: TimelineEvent) -> bool:
        return event.kind in TimelineEvent.ALWAYS_PUBLIC_KINDS

    @extend_schema_field(EventRumorSerializer(allow_null=True))
    def get_rumor(self, event: TimelineEvent):
        if self._contentless(event):
            return None
        return EventRumorSerializer(event.rumor, context=self.context).data

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, event: TimelineEvent) -> str | None:
        request = self.context.get("request")
        if self._contentless(event) or not event.actor:
            return None
        if not (request and can_see_event_actor(request.user, event)):
            return None
        return event.actor.public_name

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_source_id(self, event: TimelineEvent) -> int | None:
        return None if self._contentless(event) else event.source_id

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_evidence_id(self, event: TimelineEvent) -> int | None:
        return None if self._contentless(event) else event.evidence_id

    @extend_schema_field(
        serializers.DictField(help_text="Details that depend on the kind of event.")
    )
    def get_data(self, event: TimelineEvent) -> dict:
        """A link withheld after a report is not named here either."""
        if event.source_id and "url" in event.data and media_withheld(event.source):
            return {k: v for k, v in event.data.items() if k != "url"}
        return event.data


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


class NewPersonSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=Person._meta.get_field("name").max_length)
    name_hangul = serializers.CharField(
        max_length=Person._meta.get_field("name_hangul").max_length,
        required=False,
        allow_blank=True,
        default="",
    )
    agency = serializers.CharField(
        max_length=Person._meta.get_field("agency").max_length,
        required=False,
        allow_blank=True,
        default="",
    )


class NewWorkSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=Work._meta.get_field("title").max_length)
    title_korean = serializers.CharField(
        max_length=Work._meta.get_field("title_korean").max_length,
        required=False,
        allow_blank=True,
        default="",
    )
    year = serializers.IntegerField(
        min_value=1900, max_value=2100, required=False, allow_null=True, default=None
    )


class PersonReviewedSerializer(PersonBriefSerializer):
    status = serializers.ChoiceField(choices=CatalogStatus.choices)

    class Meta(PersonBriefSerializer.Meta):
        fields = [*PersonBriefSerializer.Meta.fields, "status"]


class WorkReviewedSerializer(WorkBriefSerializer):
    status = serializers.ChoiceField(choices=CatalogStatus.choices)

    class Meta(WorkBriefSerializer.Meta):
        fields = [*WorkBriefSerializer.Meta.fields, "status"]


class CatalogReviewSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("approve", "approve"), ("reject", "reject")],
        help_text="`approve`: listed everywhere and found by search; `reject`: taken off the "
        "rumors it was proposed for.",
    )


class RumorSubmitSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000, help_text="The link the rumor is about.")
    title = serializers.CharField(max_length=Rumor.TITLE_MAX_LENGTH)
    claim = serializers.CharField(
        max_length=Rumor.CLAIM_MAX_LENGTH, help_text="What the link claims."
    )
    title_ko = serializers.CharField(
        max_length=Rumor.TITLE_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="The title in Korean, shown first to readers of the Korean interface.",
    )
    claim_ko = serializers.CharField(
        max_length=Rumor.CLAIM_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="The claim in Korean.",
    )
    people = SlugChoicesField(
        queryset=Person.objects.listed(),
        name="person",
        max_length=Rumor.MAX_PEOPLE,
        required=False,
        default=list,
    )
    works = SlugChoicesField(
        queryset=Work.objects.listed(),
        name="work",
        max_length=Rumor.MAX_WORKS,
        required=False,
        default=list,
    )
    new_people = serializers.ListField(
        child=NewPersonSerializer(),
        max_length=Rumor.MAX_PEOPLE,
        required=False,
        default=list,
        help_text="People the site does not know yet: usable on this rumor at once, listed "
        "(people/, search) once a moderator approves them.",
    )
    new_works = serializers.ListField(
        child=NewWorkSerializer(),
        max_length=Rumor.MAX_WORKS,
        required=False,
        default=list,
        help_text="Dramas and films the site does not know yet, as `new_people`.",
    )


class DuplicateRumorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    verdict = VerdictField()
    url = serializers.URLField()
    html_url = serializers.URLField()


class DuplicateErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    rumor = DuplicateRumorSerializer()


# The kinds a member may choose in the evidence forms (a re-upload has its own endpoint).
PROPOSABLE_EVIDENCE_KINDS = Evidence.proposable_kinds()


class EvidenceSubmitSerializer(serializers.Serializer):
    """Evidence as JSON: a link. To upload an image, send the same fields as multipart."""

    kind = serializers.ChoiceField(choices=PROPOSABLE_EVIDENCE_KINDS)
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
        max_length=Evidence.NOTE_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="Simple Markdown: *emphasis*, **bold**, lists and links.",
    )
    timestamps = serializers.CharField(
        max_length=Evidence.TIMESTAMPS_MAX_LENGTH,
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
        max_length=VerdictVote.RATIONALE_MAX_LENGTH,
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


class ReuploadSerializer(serializers.Serializer):
    url = serializers.CharField(
        max_length=2000, help_text="Another address of the same clip (a re-upload, a mirror)."
    )


class MergeSerializer(serializers.Serializer):
    into = serializers.IntegerField(
        min_value=1, help_text="The id of the rumor that takes this one's links and evidence."
    )


class TranslationSerializer(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=[(code, code) for code in Rumor.TRANSLATION_LANGUAGES],
        help_text="`ko`: the Korean title and claim beside the English (`title_ko`, `claim_ko`); "
        "`en`: the English beside a rumor submitted in Korean, whose text becomes its Korean.",
    )
    title = serializers.CharField(max_length=Rumor.TITLE_MAX_LENGTH)
    claim = serializers.CharField(max_length=Rumor.CLAIM_MAX_LENGTH)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=Rumor.REJECT_REASON_MAX_LENGTH,
        help_text="Why the rumor is rejected: shown to moderators and its submitter.",
    )


class ReportSubmitSerializer(serializers.Serializer):
    """A report: `url` (a rumor page on Jinjja, for all its media, or a link submitted to it)
    or `evidence` (an evidence item's id)."""

    url = serializers.URLField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="A rumor page on this site (all its media) or a link submitted to it.",
    )
    evidence = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1, help_text="An evidence id."
    )
    category = serializers.ChoiceField(
        choices=Report.Category.choices,
        help_text="`sexual_deepfake` (sexual or intimate imagery of a real person, synthetic or "
        "not) and `privacy` (personal information, a private person) hide the media at once, "
        "until a moderator decides; `defamation`, `spam` and `other` wait for a moderator.",
    )
    details = serializers.CharField(
        max_length=Report.DETAILS_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    email = serializers.EmailField(
        required=False, allow_blank=True, default="", help_text="Only for a reply; optional."
    )

    def validate(self, data):
        if not data["url"] and data["evidence"] is None:
            raise serializers.ValidationError({"url": ["Give a `url` or an `evidence` id."]})
        return data


class ReportSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=Report.Status.choices,
        help_text="`open` until a moderator decides: `upheld` or `dismissed`.",
    )
    category = serializers.ChoiceField(choices=Report.Category.choices)

    class Meta:
        model = Report
        fields = ["id", "status", "category", "created_at"]


class ReportDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[("uphold", "uphold"), ("dismiss", "dismiss")],
        help_text="`uphold` keeps the media hidden (and hides it now if the report could not "
        "at once); `dismiss` restores what no other open or upheld report hides.",
    )
    reason = serializers.CharField(max_length=Report.REASON_MAX_LENGTH)


class MediaLinkDecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[(code, code) for code in MediaLink.DECISIONS],
        error_messages={
            "invalid_choice": "Choose “confirm” (the same picture) or “split” (not the same); "
            "“{input}” is neither."
        },
        help_text="`confirm`: the two links show the same picture (shown to everyone); "
        "`split`: they do not (shown to no one but moderators, never linked again by matching).",
    )


class MediaLinkSerializer(serializers.ModelSerializer):
    """Two links whose pictures match by PDQ, how far apart (in bits of 256), and how the
    link stands: `auto` (within MEDIA_MATCH_SAME_BITS), `suggested` (within
    MEDIA_MATCH_LIKELY_BITS, moderators only), `confirmed` or `split` by a moderator."""

    sources = serializers.SerializerMethodField()
    state = serializers.ChoiceField(choices=MediaLink.State.choices)

    class Meta:
        model = MediaLink
        fields = ["id", "sources", "distance", "state", "decided_at"]

    def get_sources(self, link: MediaLink) -> list[int]:
        return [link.source_a_id, link.source_b_id]


class ReportDecidedSerializer(ReportSerializer):
    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "decided_at", "decision_reason"]


class LookupRumorSerializer(serializers.Serializer):
    """What a bot or a browser extension shows for a checked link."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Rumor.Status.choices)
    verdict = VerdictField()
    page = serializers.SerializerMethodField(help_text="The rumor's page on Jinjja.")
    card = serializers.SerializerMethodField(
        help_text="The rumor's share card: a 1200×630 PNG of the verdict, in the language "
        "asked for (Accept-Language), whose address changes when the verdict does."
    )

    def get_page(self, rumor: Rumor) -> str:
        return self.context["request"].build_absolute_uri(rumor.get_absolute_url())

    def get_card(self, rumor: Rumor) -> str:
        return rumor_card_url(rumor=rumor)


class LookupSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="The link as asked.")
    key = serializers.CharField(
        allow_null=True, help_text="What the link points to (`youtube:ID`, `x:ID`, …)."
    )
    rumor = LookupRumorSerializer(allow_null=True)


class LookupNotFoundSerializer(serializers.Serializer):
    detail = serializers.CharField()
    submit = serializers.URLField(help_text="The submit form, with the link filled in.")


class LookupBatchRequestSerializer(serializers.Serializer):
    urls = serializers.ListField(
        child=serializers.CharField(max_length=2000, trim_whitespace=True),
        allow_empty=False,
        max_length=100,
        help_text="Up to 100 links.",
    )


class LookupBatchItemSerializer(serializers.Serializer):
    url = serializers.CharField()
    rumor = LookupRumorSerializer(allow_null=True)


class LookupBatchSerializer(serializers.Serializer):
    results = LookupBatchItemSerializer(many=True, help_text="One entry per link, in order.")


class ReferenceSubmitSerializer(serializers.Serializer):
    """Reference media as JSON: a link. To upload an image, send the same fields as multipart."""

    url = serializers.URLField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="An official channel's video, a press-event photo, a drama still: fetched "
        "like any link and hashed on its thumbnail (and YouTube's numbered preview frames). "
        "A link, an image or both.",
    )
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
    note = serializers.CharField(
        max_length=Reference.NOTE_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class ReferenceUploadSerializer(ReferenceSubmitSerializer):
    """Reference media as multipart form data: the same fields, and an image file."""

    image = serializers.FileField(
        required=False,
        allow_null=True,
        default=None,
        help_text="JPEG, PNG, WebP or GIF; re-encoded and stripped of its metadata.",
    )


class ReferenceFrameSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="`thumbnail`, `upload`, or a preview frame (`hq1`).")
    pdq = serializers.CharField(help_text="The PDQ hash, 64 hexadecimal digits.")
    quality = serializers.IntegerField()


class ReferenceSerializer(serializers.ModelSerializer):
    """Reference media in the library. `state`: `pending` (its link is being fetched),
    `in_library` (its frames are compared with every new picture), `held` (its picture matched
    the never-host bank: a moderator may clear it), `no_picture`."""

    state = serializers.ChoiceField(choices=Reference.State.choices)
    people = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    works = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    frames = ReferenceFrameSerializer(many=True, read_only=True)

    class Meta:
        model = Reference
        fields = ["id", "url", "state", "people", "works", "note", "frames", "created_at"]
