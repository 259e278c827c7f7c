from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from notifications import selectors, services
from rumors import selectors as rumor_selectors
from rumors.models import Person, Work


@never_cache
@login_required
def notification_list(request):
    items = selectors.notifications_for(user=request.user)
    response = render(request, "notifications/notification_list.html", {"items": items})
    services.notifications_mark_read(user=request.user)  # after rendering which were new
    return response


@login_required
@require_POST
def follow(request, kind: str, pk: int):
    if kind == "rumor":
        target = rumor_selectors.rumor_get_for_user(pk=pk, user=request.user)
    elif kind == "person":
        target = get_object_or_404(Person, pk=pk)
    elif kind == "work":
        target = get_object_or_404(Work, pk=pk)
    else:
        raise Http404("Nothing to follow.")
    if request.POST.get("action") == "unfollow":
        services.follow_remove(member=request.user, target=target)
        messages.success(request, _("You no longer follow this."))
    else:
        services.follow_add(member=request.user, target=target)
        messages.success(request, _("You follow this now: you will be told what is settled."))
    return redirect(target.get_absolute_url())


@csrf_exempt  # RFC 8058: a mail client's one-click POST carries no CSRF token
@never_cache
def unsubscribe(request, token: str):
    """GET asks (mail scanners follow links); POST, from the page or a mail client's one-click
    (`List-Unsubscribe=One-Click`), stops the mail. Nothing else changes on this URL."""
    if request.method == "POST":
        try:
            services.member_unsubscribe(token=token)
        except ValidationError as exc:
            return HttpResponse(exc.messages[0], status=400, content_type="text/plain")
        return render(request, "notifications/unsubscribed.html")
    return render(request, "notifications/unsubscribe.html")
