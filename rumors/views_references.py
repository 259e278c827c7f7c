"""The reference library's moderation page: register reference media, clear what the
never-host bank held."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rumors import permissions
from rumors.forms import ReferenceClearForm, ReferenceForm
from rumors.selectors.references import reference_get, reference_list
from rumors.services.references import reference_clear, reference_register


def _require_moderator(user) -> None:
    if not permissions.can_manage_references(user):
        raise PermissionDenied(_("The reference library is for moderators."))


@login_required
def moderation_references(request):
    _require_moderator(request.user)
    form = ReferenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            reference_register(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Reference added: it is compared with every new picture."))
            return redirect("rumors:moderation_references")
    context = {"form": form, "references": reference_list(), "clear_form": ReferenceClearForm()}
    return render(request, "rumors/moderation_references.html", context)


@require_POST
@login_required
def reference_clear_view(request, pk: int):
    _require_moderator(request.user)
    reference = reference_get(pk=pk)
    if reference is None:
        raise Http404("No such reference.")
    form = ReferenceClearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why it may be shown."))
    else:
        try:
            reference_clear(moderator=request.user, reference=reference, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Cleared: the reference joins the library."))
    return redirect("rumors:moderation_references")
