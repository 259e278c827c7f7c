"""Thin API views: a permission-checked selector, a serializer, and for writes one service."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from config.client_ip import client_ip
from rumors import permissions, selectors
from rumors.api.caching import AnonymousListCacheMixin
from rumors.api.conditional import BodyETagMixin, ConditionalMixin
from rumors.api.filters import PersonFilter, RumorFilter, TimelineFilter, WorkFilter
from rumors.api.pagination import PagePagination, TimelineCursorPagination
from rumors.api.parsers import JSONParser
from rumors.api.permissions import (
    CanDecideMediaLink,
    CanDecideReports,
    CanManageReferences,
    CanMerge,
    CanProposeEvidence,
    CanReject,
    CanReviewCatalog,
    CanSubmitOrReadOnly,
    CanTranslate,
    CanVote,
)
from rumors.api.serializers import (
    CatalogReviewSerializer,
    DuplicateErrorSerializer,
    ErrorSerializer,
    EvidenceSerializer,
    EvidenceSubmitSerializer,
    EvidenceUploadSerializer,
    LookupBatchRequestSerializer,
    LookupBatchSerializer,
    LookupNotFoundSerializer,
    LookupSerializer,
    MediaLinkDecisionSerializer,
    MediaLinkSerializer,
    MergeSerializer,
    PersonDetailSerializer,
    PersonReviewedSerializer,
    PersonSerializer,
    ReferenceSerializer,
    ReferenceSubmitSerializer,
    ReferenceUploadSerializer,
    RejectSerializer,
    ReportDecidedSerializer,
    ReportDecisionSerializer,
    ReportSerializer,
    ReportSubmitSerializer,
    ReuploadSerializer,
    RumorSerializer,
    RumorSubmitSerializer,
    SourceDetailSerializer,
    StreamEventSerializer,
    TimelineEventSerializer,
    TranslationSerializer,
    VoteCastSerializer,
    VoteSerializer,
    WorkReviewedSerializer,
    WorkSerializer,
)
from rumors.api.throttling import AnonThrottle, ReportThrottle, UserThrottle
from rumors.claimreview import claimreview_for
from rumors.models import Person, Rumor, TimelineEvent, Work
from rumors.services.catalog import catalog_review
from rumors.services.evidence import evidence_submit, reupload_submit
from rumors.services.media_links import media_link_decide
from rumors.services.merge import rumor_merge
from rumors.services.references import reference_register
from rumors.services.reports import report_decide, report_submit
from rumors.services.rumors import rumor_reject, rumor_submit
from rumors.services.translation import rumor_translate
from rumors.services.votes import vote_cast


class RumorListView(AnonymousListCacheMixin, generics.ListAPIView):
    """Rumors, newest first. Rejected rumors (spam) never appear."""

    serializer_class = RumorSerializer
    filterset_class = RumorFilter
    pagination_class = PagePagination
    permission_classes = [CanSubmitOrReadOnly]

    def get_queryset(self):
        return selectors.api_rumor_list()

    @extend_schema(
        request=RumorSubmitSerializer,
        responses={
            201: RumorSerializer,
            409: OpenApiResponse(DuplicateErrorSerializer, description="The link is known."),
        },
    )
    def post(self, request):
        """Submit a rumor: a link, a title, the claim, and optionally people and works by slug.

        A link that was submitted before answers 409 with the rumor it belongs to.
        """
        data = RumorSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rumor = rumor_submit(user=request.user, **data.validated_data)
        rumor = selectors.api_rumor_get(pk=rumor.pk, user=request.user)
        body = RumorSerializer(rumor, context=self.get_serializer_context()).data
        return Response(
            body, status=status.HTTP_201_CREATED, headers={"Location": body["links"]["self"]}
        )


@extend_schema(responses={200: RumorSerializer})
class RumorDetailView(ConditionalMixin, generics.RetrieveAPIView):
    """One rumor: its claim, status and verdict, the people and works it involves, its links
    with the metadata fetched for them, the accepted evidence, and the vote tally of the
    current review round. Send the `ETag` back as `If-None-Match` to get 304 while it is
    unchanged. A held rumor answers 451 with `held_until`."""

    serializer_class = RumorSerializer

    def validators(self):
        head = selectors.api_rumor_head(pk=self.kwargs["pk"], user=self.request.user)
        return selectors.rumor_validators(head)

    def get_object(self):
        return selectors.api_rumor_get(pk=self.kwargs["pk"], user=self.request.user)


class RumorWriteView(APIView):
    """A write on one rumor: a rumor this user cannot see is a 404, whatever the body."""

    permission_classes = [IsAuthenticated]

    def get_object(self):
        rumor = selectors.api_rumor_head(pk=self.kwargs["pk"], user=self.request.user)
        self.check_object_permissions(self.request, rumor)
        return rumor


class EvidenceSubmitView(RumorWriteView):
    permission_classes = [IsAuthenticated, CanProposeEvidence]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        request={
            "application/json": EvidenceSubmitSerializer,
            "multipart/form-data": EvidenceUploadSerializer,
        },
        responses={
            201: EvidenceSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No such rumor."),
        },
    )
    def post(self, request, pk: int):
        """Propose evidence on a rumor, or, as a moderator, add it.

        A member's evidence waits for a moderator (`status` `proposed`); a moderator's counts at
        once (`accepted`). Give a `url`, an `image` (multipart), or both. The answer has no
        Location: evidence has no URL of its own; accepted evidence is listed on the rumor.
        """
        rumor = self.get_object()
        data = EvidenceUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evidence = evidence_submit(user=request.user, rumor=rumor, **data.validated_data)
        return _evidence_created(request, rumor, evidence)


def _evidence_created(request, rumor, evidence) -> Response:
    """201 with the evidence item as its rumor's page shows it to this reader."""
    context = {"request": request, "media_rumors": [rumor]}
    return Response(EvidenceSerializer(evidence, context=context).data, status=201)


class ReuploadSubmitView(RumorWriteView):
    permission_classes = [IsAuthenticated, CanProposeEvidence]

    @extend_schema(
        request=ReuploadSerializer,
        responses={
            201: EvidenceSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Not a link, or already here."),
            404: OpenApiResponse(ErrorSerializer, description="No such rumor."),
            409: OpenApiResponse(
                DuplicateErrorSerializer,
                description="The link belongs to another rumor (code `duplicate`).",
            ),
        },
    )
    def post(self, request, pk: int):
        """Add a re-upload: another link to the same clip. It goes through the same link keys
        and the same moderation as evidence (kind `reupload`): a member's waits as a proposal,
        a moderator's counts at once; once accepted it is one of the rumor's links. A link
        that already belongs to another rumor answers 409 with that rumor."""
        rumor = self.get_object()
        data = ReuploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evidence = reupload_submit(user=request.user, rumor=rumor, **data.validated_data)
        return _evidence_created(request, rumor, evidence)


class VoteCastView(RumorWriteView):
    permission_classes = [IsAuthenticated, CanVote]

    @extend_schema(
        request=VoteCastSerializer,
        responses={
            200: OpenApiResponse(
                VoteSerializer, description="You had voted in this round: your vote, changed."
            ),
            201: OpenApiResponse(VoteSerializer, description="Your first vote in this round."),
            404: OpenApiResponse(ErrorSerializer, description="No such rumor."),
            409: OpenApiResponse(
                ErrorSerializer,
                description="The round is closed (code `closed`): the rumor has its verdict "
                "(or was rejected as spam). A moderator may reopen it on the site.",
            ),
        },
    )
    def post(self, request, pk: int):
        """A moderator's vote on the rumor's verdict, in the current review round.

        Voting again in the same round changes your vote (200) until the verdict is reached;
        the answer's `rumor` says where the rumor stands after your vote.
        """
        rumor = self.get_object()
        data = VoteCastSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # Read outside the service's lock: only the status code depends on it, and only two
        # requests of one moderator at the same instant could both be told 201.
        previous = selectors.api_vote_id(moderator=request.user, rumor=rumor)
        vote = vote_cast(moderator=request.user, rumor=rumor, **data.validated_data)
        vote.rumor = selectors.api_vote_rumor(pk=rumor.pk)
        body = VoteSerializer(vote, context={"request": request}).data
        created = previous != vote.pk
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class RumorRejectView(RumorWriteView):
    permission_classes = [IsAuthenticated, CanReject]

    @extend_schema(
        request=RejectSerializer,
        responses={
            200: RumorSerializer,
            403: OpenApiResponse(ErrorSerializer, description="Only moderators reject rumors."),
            404: OpenApiResponse(ErrorSerializer, description="No such rumor."),
            409: OpenApiResponse(
                ErrorSerializer, description="Already rejected (code `rejected`)."
            ),
        },
    )
    def post(self, request, pk: int):
        """A moderator rejects a rumor as spam, saying why (`reason`).

        The rumor leaves every public list, feed, search and the timeline stream at once; its
        page and this API answer 404 to everyone but moderators and its submitter. The
        timeline records a `rejected` event with the reason.
        """
        rumor = self.get_object()
        data = RejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rumor_reject(moderator=request.user, rumor=rumor, **data.validated_data)
        rumor = selectors.api_rumor_get(pk=rumor.pk, user=request.user)
        return Response(RumorSerializer(rumor, context={"request": request}).data)


class RumorMergeView(RumorWriteView):
    permission_classes = [IsAuthenticated, CanMerge]

    @extend_schema(
        request=MergeSerializer,
        responses={
            200: RumorSerializer,
            400: OpenApiResponse(ErrorSerializer, description="No such rumor to merge into."),
            403: OpenApiResponse(ErrorSerializer, description="Only moderators merge rumors."),
            404: OpenApiResponse(ErrorSerializer, description="No such rumor."),
            409: OpenApiResponse(ErrorSerializer, description="Already merged (code `merged`)."),
        },
    )
    def post(self, request, pk: int):
        """A moderator merges this rumor into another (`into`): its links, evidence, people
        and works move there; its votes stay in its own history. Both timelines record
        `merged`; this rumor's page then answers 301 to the survivor, and its API detail
        200 with `merged_into`. The answer is the survivor."""
        rumor = self.get_object()
        data = MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        into = Rumor.objects.filter(pk=data.validated_data["into"]).first()
        if into is None or not permissions.can_view_rumor(request.user, into):
            raise ValidationError({"into": ["No such rumor."]})
        survivor = rumor_merge(moderator=request.user, rumor=rumor, into=into)
        survivor = selectors.api_rumor_get(pk=survivor.pk, user=request.user)
        return Response(RumorSerializer(survivor, context={"request": request}).data)


class RumorTranslationView(RumorWriteView):
    permission_classes = [IsAuthenticated, CanTranslate]

    @extend_schema(
        request=TranslationSerializer,
        responses={
            200: RumorSerializer,
            403: OpenApiResponse(
                ErrorSerializer,
                description="Only moderators add a rumor's text in another language.",
            ),
            404: OpenApiResponse(ErrorSerializer, description="No such rumor."),
        },
    )
    def post(self, request, pk: int):
        """A moderator adds the rumor's title and claim in the other language: `ko` sets
        `title_ko` and `claim_ko` beside the English; `en` gives a rumor submitted in Korean
        its English title and claim, its Korean text moving to `title_ko` and `claim_ko`.
        Search finds the new words at once; the timeline records `translated`. The answer is
        the rumor as it now is."""
        rumor = self.get_object()
        data = TranslationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rumor_translate(moderator=request.user, rumor=rumor, **data.validated_data)
        rumor = selectors.api_rumor_get(pk=rumor.pk, user=request.user)
        return Response(RumorSerializer(rumor, context={"request": request}).data)


class RumorTimelineView(ConditionalMixin, generics.ListAPIView):
    """That rumor's events, oldest first."""

    serializer_class = TimelineEventSerializer
    pagination_class = PagePagination
    queryset = TimelineEvent.objects.none()  # for the schema; get_queryset checks permissions

    def validators(self):
        self.rumor = selectors.api_rumor_head(pk=self.kwargs["pk"], user=self.request.user)
        return selectors.rumor_validators(self.rumor)

    def get_queryset(self):
        # validators() ran first (ConditionalMixin.get) and checked access.
        return selectors.api_rumor_timeline(rumor=self.rumor, user=self.request.user)

    @extend_schema(responses={200: TimelineEventSerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class TimelineView(ConditionalMixin, AnonymousListCacheMixin, generics.ListAPIView):
    """Every event on the site, newest first.

    To follow the stream, keep the `previous` link of each page and poll it: each poll returns
    the events that arrived since, exactly once. Events appear after a settling delay of a few
    seconds.
    """

    serializer_class = StreamEventSerializer
    filterset_class = TimelineFilter
    pagination_class = TimelineCursorPagination
    queryset = TimelineEvent.objects.none()  # for the schema; get_queryset sets the stream's end

    def validators(self):
        self.until = timezone.now() - timedelta(seconds=settings.API_TIMELINE_SETTLE_SECONDS)
        return selectors.api_timeline_validators(until=self.until)

    def get_queryset(self):
        # validators() ran first (ConditionalMixin.get) and fixed the end of the stream.
        return selectors.api_timeline(until=self.until, user=self.request.user)

    def cache_variant(self) -> str:
        # The stream up to `until` changes only with a newer settled event, which the
        # validators name; rumor changes (a rumor rejected hides its events) move the stamp.
        return self.current_validators.etag if self.current_validators else "empty"


class PersonListView(AnonymousListCacheMixin, generics.ListAPIView):
    """Actors and other people the rumors involve, by name, each with how many public rumors
    involve them. `q` finds names, romanized or in Hangul."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    pagination_class = PagePagination

    def get_queryset(self):
        return selectors.api_person_list()


@extend_schema(responses={200: PersonDetailSerializer})
class PersonDetailView(BodyETagMixin, generics.RetrieveAPIView):
    """One person, with their works. Their rumors: `GET rumors/?person=<slug>`."""

    serializer_class = PersonDetailSerializer

    def get_object(self):
        return selectors.api_person_get(slug=self.kwargs["slug"])


class WorkListView(AnonymousListCacheMixin, generics.ListAPIView):
    """Dramas, films and shows, newest first, each with its cast and how many public rumors
    involve it. `q` finds titles, in English or in Korean."""

    serializer_class = WorkSerializer
    filterset_class = WorkFilter
    pagination_class = PagePagination

    def get_queryset(self):
        return selectors.api_work_list()


@extend_schema(responses={200: WorkSerializer})
class WorkDetailView(BodyETagMixin, generics.RetrieveAPIView):
    """One drama, film or show, with its cast. Its rumors: `GET rumors/?work=<slug>`."""

    serializer_class = WorkSerializer

    def get_object(self):
        return selectors.api_work_get(slug=self.kwargs["slug"])


@extend_schema(responses={200: SourceDetailSerializer})
class SourceDetailView(BodyETagMixin, generics.RetrieveAPIView):
    """One link as Jinjja keeps it: what a fetch found there (title, author and handle,
    platform, dates, thumbnails), its fetch state, and the rumors it belongs to. While a
    report withholds its media, its addresses and pictures are null (`media_withheld`)."""

    serializer_class = SourceDetailSerializer

    def get_object(self):
        return selectors.api_source_get(pk=self.kwargs["pk"], user=self.request.user)


class ClaimReviewView(BodyETagMixin, APIView):
    """schema.org ClaimReview (and MediaReview for clips and images) as JSON-LD."""

    @extend_schema(
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="A JSON-LD document."),
            404: OpenApiResponse(ErrorSerializer, description="No such rumor, or no verdict."),
        }
    )
    def get(self, request, pk: int):
        rumor = selectors.api_rumor_get(pk=pk, user=request.user)
        document = claimreview_for(rumor)
        if document is None:
            raise NotFound("This rumor has no verdict yet.")
        return Response(document)


class ReportCreateView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [AnonThrottle, UserThrottle, ReportThrottle]

    @extend_schema(
        request=ReportSubmitSerializer,
        responses={
            201: ReportSerializer,
            400: OpenApiResponse(ErrorSerializer, description="Bad fields, or nothing there."),
            429: OpenApiResponse(ErrorSerializer, description="Too many reports from here."),
        },
    )
    def post(self, request):
        """Report a rumor page, a link or an evidence item; no account needed.

        `sexual_deepfake` and `privacy` reports hide the media at once, everywhere (pages, API,
        JSON-LD, previews, its files under /media/), until a moderator decides; an address may
        do that a few times a day, and its later reports wait for a moderator. Reports are
        throttled per address.
        """
        data = ReportSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        report = report_submit(
            evidence_id=fields.pop("evidence"),
            **fields,
            address=client_ip(request._request),
            user=request.user,
        )
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)


class ReportDecisionView(APIView):
    permission_classes = [IsAuthenticated, CanDecideReports]

    @extend_schema(
        request=ReportDecisionSerializer,
        responses={
            200: ReportDecidedSerializer,
            403: OpenApiResponse(ErrorSerializer, description="Only moderators decide reports."),
            404: OpenApiResponse(ErrorSerializer, description="No such report."),
            409: OpenApiResponse(ErrorSerializer, description="Already decided (`decided`)."),
        },
    )
    def post(self, request, pk: int):
        """A moderator upholds or dismisses a report, saying why (`reason`)."""
        report = selectors.report_get(pk=pk)
        if report is None:
            raise NotFound("No such report.")
        data = ReportDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = report_decide(moderator=request.user, report_id=report.pk, **data.validated_data)
        return Response(ReportDecidedSerializer(report).data)


class _CatalogReviewView(APIView):
    permission_classes = [IsAuthenticated, CanReviewCatalog]
    model = None
    serializer = None

    def post(self, request, slug: str):
        entry = selectors.catalog_entry_for_review(model=self.model, slug=slug, user=request.user)
        self.check_object_permissions(request, entry)
        data = CatalogReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = catalog_review(moderator=request.user, entity=entry, **data.validated_data)
        return Response(self.serializer(entry, context={"request": request}).data)


_REVIEW_RESPONSES = {
    403: OpenApiResponse(
        ErrorSerializer, description="Only moderators approve or reject proposed people and works."
    ),
    404: OpenApiResponse(ErrorSerializer, description="No such person or work."),
}


class PersonReviewView(_CatalogReviewView):
    model, serializer = Person, PersonReviewedSerializer

    @extend_schema(
        request=CatalogReviewSerializer,
        responses={200: PersonReviewedSerializer, **_REVIEW_RESPONSES},
    )
    def post(self, request, slug: str):
        """A moderator approves (`approve`) or rejects (`reject`) a person a member proposed
        with a rumor. Approved, the person is listed (people/, search, pages, sitemaps);
        rejected, taken off the rumors it was proposed for. The answer gives its `status`."""
        return super().post(request, slug)


class WorkReviewView(_CatalogReviewView):
    model, serializer = Work, WorkReviewedSerializer

    @extend_schema(
        request=CatalogReviewSerializer,
        responses={200: WorkReviewedSerializer, **_REVIEW_RESPONSES},
    )
    def post(self, request, slug: str):
        """A moderator approves or rejects a drama or film a member proposed (as for people)."""
        return super().post(request, slug)


class MediaLinkDecisionView(APIView):
    permission_classes = [IsAuthenticated, CanDecideMediaLink]

    @extend_schema(
        request=MediaLinkDecisionSerializer,
        responses={
            200: MediaLinkSerializer,
            403: OpenApiResponse(
                ErrorSerializer, description="Only moderators confirm or split similar media."
            ),
            404: OpenApiResponse(ErrorSerializer, description="No such media link."),
        },
    )
    def post(self, request, pk: int):
        """A moderator confirms (`confirm`) or splits (`split`) a link between two sources
        whose pictures match: a confirmed link is shown on both rumors' pages, a split one to
        moderators only, and matching never links that pair again. Both rumors' timelines
        record it (`media_link_confirmed`, `media_link_split`). A link never merges rumors."""
        link = selectors.media_link_get_for_user(pk=pk, user=request.user)
        self.check_object_permissions(request, link)
        data = MediaLinkDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        link = media_link_decide(moderator=request.user, link=link, **data.validated_data)
        return Response(MediaLinkSerializer(link).data)


class ReferenceCreateView(APIView):
    permission_classes = [IsAuthenticated, CanManageReferences]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        request={
            "application/json": ReferenceSubmitSerializer,
            "multipart/form-data": ReferenceUploadSerializer,
        },
        responses={
            201: ReferenceSerializer,
            403: OpenApiResponse(ErrorSerializer, description="Only moderators add references."),
        },
    )
    def post(self, request):
        """Add reference media to the library (moderators).

        Give a `url` (fetched and hashed after the answer: `state` is `pending` until then), an
        `image` (multipart; hashed at once), or both. Every new picture of a rumor's link is
        then compared with it, and it with the links of open rumors: a likely match becomes a
        suggested "original footage" item on the rumor, which moderators accept or reject."""
        data = ReferenceUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reference = reference_register(user=request.user, **data.validated_data)
        return Response(ReferenceSerializer(reference).data, status=201)


@extend_schema(exclude=True)
@api_view(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
@permission_classes([AllowAny])
def not_found(request, *args, **kwargs):
    raise NotFound("No such API endpoint: see /api/docs/.")


class _LinkLookup(APIView):
    permission_classes = [AllowAny]
    QUERY_PARAMETERS = {"url", api_settings.URL_FORMAT_OVERRIDE}

    def list(self, request, *args, **kwargs):
        unknown = sorted(set(request.query_params) - self.QUERY_PARAMETERS)
        if unknown:
            message = "Unknown query parameter. This endpoint takes: url."
            raise ValidationError({name: [message] for name in unknown})
        url = request.query_params.get("url", "").strip()
        if not url:
            raise ValidationError({"url": ["Give the link to look up."]})
        found = selectors.rumors_for_links(urls=[url], user=request.user)[0]
        if found.key is None:
            raise ValidationError({"url": ["This is not a link Jinjja can look up."]})
        if found.rumor is None:
            submit = request.build_absolute_uri(
                reverse("rumors:submit") + "?" + urlencode({"url": url})
            )
            body = {"detail": "Jinjja has not checked this link yet.", "submit": submit}
            return Response(body, status=status.HTTP_404_NOT_FOUND)
        return Response(LookupSerializer(found, context={"request": request}).data)


class LookupView(AnonymousListCacheMixin, _LinkLookup):
    """Has this link been checked, and what was the verdict? For bots and browser extensions:
    any address of a known link (the same link keys as duplicate detection) finds its rumor.
    No account needed; any site's pages may call it (CORS)."""

    @extend_schema(
        parameters=[OpenApiParameter("url", str, required=True, description="Any link.")],
        responses={
            200: LookupSerializer,
            400: OpenApiResponse(ErrorSerializer, description="No link, or not a link."),
            404: OpenApiResponse(
                LookupNotFoundSerializer,
                description="Not checked yet (or not visible to you): where to submit it.",
            ),
        },
    )
    def get(self, request):
        """Look up one link. 200 with the rumor it belongs to (its verdict, page and share
        card); 404 with the submit form's address, the link filled in, when Jinjja has not
        checked it (or the rumor is one the caller may not see). Anonymous answers come from
        the cache until a rumor changes."""
        return self.list(request)

    @extend_schema(
        request=LookupBatchRequestSerializer,
        responses={200: LookupBatchSerializer},
    )
    def post(self, request):
        """Look up to 100 links at once (`{"urls": [...]}`); more is a 400. One result per
        link, in order, with `rumor` null for a link Jinjja has not checked."""
        data = LookupBatchRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = selectors.rumors_for_links(urls=data.validated_data["urls"], user=request.user)
        body = LookupBatchSerializer({"results": found}, context={"request": request}).data
        return Response(body)

    def options(self, request, *args, **kwargs):
        """The CORS preflight of a cross-site POST."""
        response = Response(status=status.HTTP_204_NO_CONTENT)
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Access-Control-Max-Age"] = "86400"
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # A read open to every site, POST included (the rest of the API allows GET only):
        # no cookie is sent across sites, so it answers as to anyone.
        response["Access-Control-Allow-Origin"] = "*"
        return response
