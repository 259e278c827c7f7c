"""Web answers for the read layer's own exceptions."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import render

from rumors.forms import AppealForm
from rumors.selectors import RumorHeld, RumorMerged, appeal_state


class HeldRumorMiddleware:
    """A held rumor's pages (its page, timeline and sources) answer 451 Unavailable For Legal
    Reasons with a notice and the date the hold ends; the API answers its own 451. A merged
    rumor's pages answer 301 to the rumor it was merged into."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RumorMerged):
            # Everyone, moderators too, goes to the rumor that took its links and evidence.
            return HttpResponsePermanentRedirect(exception.rumor.merged_into.get_absolute_url())
        if not isinstance(exception, RumorHeld):
            return None
        rumor = exception.rumor
        context = {
            "rumor": rumor,
            "held_until": rumor.held_until,
            "hold_max_days": settings.HOLD_MAX_DAYS,
            # Its submitter may appeal from here.
            "appeal": appeal_state(rumor=rumor, user=request.user),
            "appeal_form": AppealForm(),
        }
        return render(request, "rumors/rumor_held.html", context, status=451)
