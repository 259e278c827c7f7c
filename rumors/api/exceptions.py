"""One place that turns the services' Django exceptions into API responses."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

from rumors import permissions
from rumors.api.serializers import VerdictField
from rumors.selectors import RumorHeld, RumorMerged
from rumors.services.merge import AlreadyMerged
from rumors.services.reports import AlreadyDecided
from rumors.services.rumors import AlreadyRejected, DuplicateSubmission
from rumors.services.votes import RoundClosed


def api_exception_handler(exc, context):
    if isinstance(exc, RumorHeld):
        body = {
            "detail": _("This rumor is temporarily unavailable while it is reviewed."),
            "code": "held",
            "held_until": exc.rumor.held_until.isoformat(),
        }
        return Response(body, status=451)
    if isinstance(exc, RumorMerged):
        request = context["request"]
        into = exc.rumor.merged_into_id
        body = {
            "id": exc.rumor.pk,
            "status": "merged",
            "merged_into": into,
            "url": reverse("api:rumor-detail", args=[into], request=request),
            "html_url": request.build_absolute_uri(exc.rumor.merged_into.get_absolute_url()),
        }
        if request.method in ("GET", "HEAD"):
            return Response(body)
        body.update(detail=_("This rumor was merged into another."), code="merged")
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DuplicateSubmission):
        request = context["request"]
        rumor = exc.rumor
        body = {
            "detail": exc.messages[0],
            "code": "duplicate",
            "rumor": {
                "id": rumor.pk,
                "title": rumor.title,
                "verdict": VerdictField().to_representation(rumor.verdict),
                "url": reverse("api:rumor-detail", args=[rumor.pk], request=request),
                "html_url": request.build_absolute_uri(rumor.get_absolute_url()),
            },
        }
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, RoundClosed | AlreadyRejected | AlreadyDecided | AlreadyMerged):
        body = {"detail": exc.messages[0], "code": exc.code}
        return Response(body, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=as_serializer_error(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    user = getattr(context["request"], "user", None)
    if (
        isinstance(exc, exceptions.PermissionDenied)
        and user is not None
        and permissions.needs_second_factor(user)
    ):
        # Whatever was refused, this is why, and what to do about it.
        body = {
            "detail": str(permissions.SECOND_FACTOR_REQUIRED),
            "code": "second_factor_required",
            "setup_url": context["request"].build_absolute_uri(reverse("mfa_activate_totp")),
        }
        return Response(body, status=status.HTTP_403_FORBIDDEN)
    return exception_handler(exc, context)
