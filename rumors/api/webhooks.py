"""Webhooks in the API: members register receivers of the public timeline (the deliveries
themselves are rumors/services/webhooks.py's), and what a delivery's body holds."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from rumors.api.pagination import PagePagination
from rumors.api.serializers import ErrorSerializer, StreamEventSerializer
from rumors.models import Person, TimelineEvent, Webhook, WebhookDelivery, Work
from rumors.services import webhooks
from rumors.services.webhooks import SUBSCRIBABLE_KINDS

DELIVERIES_SHOWN = 50


class _SiteRequest(HttpRequest):
    """An anonymous reader at SITE_URL: a delivery's links are the site's public ones."""

    def __init__(self):
        super().__init__()
        self._site = urlsplit(settings.SITE_URL)
        self.user = AnonymousUser()

    def _get_scheme(self) -> str:
        return self._site.scheme

    def get_host(self) -> str:
        return self._site.netloc


def event_body(event: TimelineEvent) -> dict:
    """What a delivery POSTs: the event exactly as `GET /api/v1/timeline/` shows it to
    everyone."""
    return StreamEventSerializer(event, context={"request": Request(_SiteRequest())}).data


class WebhookSerializer(serializers.ModelSerializer):
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=[Webhook.ANY_EVENT, *SUBSCRIBABLE_KINDS]),
        max_length=len(SUBSCRIBABLE_KINDS) + 1,
        help_text='Timeline kinds to receive, or `["*"]` for every kind the public sees.',
    )
    person = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Person.objects.all(),
        required=False,
        allow_null=True,
        help_text="Only events on rumors about this person (a slug).",
    )
    work = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Work.objects.all(),
        required=False,
        allow_null=True,
        help_text="Only events on rumors about this work (a slug).",
    )
    enabled = serializers.BooleanField(
        required=False,
        help_text="False once disabled (by its owner, or after failing for a day); set true "
        "to turn it on again.",
    )

    class Meta:
        model = Webhook
        fields = [
            "id", "url", "events", "person", "work", "enabled", "created_at",
            "failing_since", "disabled_at", "disabled_reason",
        ]  # fmt: skip
        read_only_fields = ["created_at", "failing_since", "disabled_at", "disabled_reason"]

    def to_representation(self, webhook):
        data = super().to_representation(webhook)
        data["enabled"] = webhook.is_active
        return data


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="The key of `X-Jinjja-Signature`: shown here once, never again.",
    )

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    event_id = serializers.IntegerField()
    event_kind = serializers.CharField(source="event.kind")

    class Meta:
        model = WebhookDelivery
        fields = [
            "delivery_id", "event_id", "event_kind", "status", "created_at", "attempts",
            "last_attempt_at", "next_attempt_at", "response_status", "response_excerpt",
            "error", "duration_ms",
        ]  # fmt: skip


@extend_schema_view(
    list=extend_schema(summary="Your webhooks"),
    retrieve=extend_schema(
        responses={200: WebhookSerializer, 404: OpenApiResponse(ErrorSerializer)}
    ),
    partial_update=extend_schema(
        responses={200: WebhookSerializer, 400: OpenApiResponse(ErrorSerializer)}
    ),
    destroy=extend_schema(responses={204: None, 404: OpenApiResponse(ErrorSerializer)}),
)
class WebhookViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A member's webhooks: each public timeline event they ask for is POSTed to `url` as the
    JSON of `GET /api/v1/timeline/`, signed (README, "Webhooks"). Only their owner sees them:
    anyone else's answer 404."""

    serializer_class = WebhookSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = PagePagination
    http_method_names = ["get", "post", "patch", "delete"]
    queryset = Webhook.objects.none()  # for the schema; get_queryset names the owner

    def get_queryset(self):
        return Webhook.objects.filter(owner=self.request.user).select_related("person", "work")

    @extend_schema(
        request=WebhookSerializer,
        responses={
            201: WebhookCreatedSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description="Bad fields, or an address off the internet."
            ),
        },
    )
    def create(self, request):
        """Register a webhook; the answer holds its `secret`, the only time it is shown."""
        data = WebhookSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("enabled", None)
        webhook = webhooks.webhook_create(owner=request.user, **fields)
        return Response(WebhookCreatedSerializer(webhook).data, status=201)

    def partial_update(self, request, pk=None):
        """Change a webhook's url, events, person or work, or turn it off and on."""
        webhook = self.get_object()
        data = WebhookSerializer(webhook, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        webhook = webhooks.webhook_update(webhook=webhook, **data.validated_data)
        return Response(WebhookSerializer(webhook).data)

    def perform_destroy(self, webhook):
        webhooks.webhook_delete(webhook=webhook)

    @extend_schema(
        responses={200: DeliverySerializer(many=True), 404: OpenApiResponse(ErrorSerializer)}
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def deliveries(self, request, pk=None):
        """The webhook's last deliveries, newest first, with what the receiver answered."""
        webhook = self.get_object()
        latest = webhook.deliveries.select_related("event")[:DELIVERIES_SHOWN]
        return Response(DeliverySerializer(latest, many=True).data)
