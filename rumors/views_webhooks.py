"""A member's webhooks on the site: the same services as `/api/v1/webhooks/`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from rumors.forms import WebhookForm
from rumors.models import TimelineEvent, Webhook
from rumors.services import webhooks

DELIVERIES_SHOWN = 10


def _form(data=None) -> WebhookForm:
    labels = dict(TimelineEvent.Kind.choices)
    kinds = [(kind, labels[kind]) for kind in webhooks.SUBSCRIBABLE_KINDS]
    return WebhookForm(data, kinds=kinds)


def _render(request, *, form=None, created=None, status=200):
    hooks = list(Webhook.objects.filter(owner=request.user).select_related("person"))
    for hook in hooks:
        hook.recent = list(hook.deliveries.select_related("event")[:DELIVERIES_SHOWN])
    context = {"form": form or _form(), "webhooks": hooks, "created": created}
    return render(request, "rumors/webhooks.html", context, status=status)


@never_cache
@login_required
def webhook_list(request):
    """GET: the member's webhooks and their last deliveries; POST: register one, and show
    its secret in this answer only."""
    if request.method != "POST":
        return _render(request)
    form = _form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            created = webhooks.webhook_create(
                owner=request.user, url=data["url"], events=data["events"], person=data["person"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return _render(request, created=created, status=201)
    return _render(request, form=form, status=400)


@login_required
@require_POST
def webhook_toggle(request, pk: int):
    webhook = get_object_or_404(Webhook, pk=pk, owner=request.user)
    webhooks.webhook_update(webhook=webhook, enabled=not webhook.is_active)
    return redirect("rumors:webhooks")


@login_required
@require_POST
def webhook_remove(request, pk: int):
    webhook = get_object_or_404(Webhook, pk=pk, owner=request.user)
    webhooks.webhook_delete(webhook=webhook)
    messages.success(request, _("The webhook is deleted."))
    return redirect("rumors:webhooks")
