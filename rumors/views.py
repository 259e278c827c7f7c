import hashlib
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve

from config.client_ip import client_ip
from notifications.selectors import follow_state
from rumors import permissions, selectors
from rumors.forms import (
    REPORT_CATEGORY_HELP,
    AppealForm,
    DiscussionForm,
    EvidenceForm,
    HoldForm,
    MediaLinkDecisionForm,
    MergeForm,
    QueueFilterForm,
    RedactForm,
    RejectForm,
    ReleaseForm,
    ReopenForm,
    ReportDecisionForm,
    ReportForm,
    RequesterForm,
    ReuploadForm,
    SearchForm,
    SensitivityForm,
    SubmitRumorForm,
    TranslateForm,
    VoteForm,
)
from rumors.media import media_debunked, media_withheld
from rumors.models import Evidence, Person, Report, Rumor, Source, Work
from rumors.pagecache import anonymous_page_cache
from rumors.permissions import can_mark_sensitive
from rumors.selectors import cards as share
from rumors.selectors import indexes
from rumors.services import sources as source_services
from rumors.services.appeals import appeal_submit
from rumors.services.catalog import catalog_review
from rumors.services.discussion import discussion_post
from rumors.services.evidence import (
    evidence_accept,
    evidence_reject,
    evidence_submit,
    reupload_submit,
)
from rumors.services.media_links import media_link_decide
from rumors.services.merge import AlreadyMerged, rumor_merge
from rumors.services.reports import report_decide, report_submit
from rumors.services.requesters import requester_record, requester_revoke
from rumors.services.rumors import AlreadyRejected, DuplicateSubmission, rumor_reject, rumor_submit
from rumors.services.sensitivity import rumor_set_sensitive, source_set_sensitive
from rumors.services.takedown import (
    HoldNotAllowed,
    NotHeld,
    rumor_hold,
    rumor_redact,
    rumor_release,
)
from rumors.services.translation import TextChanged, rumor_translate
from rumors.services.votes import ReopenNotAllowed, RoundClosed, rumor_reopen, vote_cast


@anonymous_page_cache
def home(request):
    context = {**selectors.rumor_home(), "share": share.page_share(page="home", path=request.path)}
    return render(request, "rumors/home.html", context)


@login_required
def submit(request):
    # ?url= fills the link in: the lookup API's answer for an unknown link points here.
    initial = {"url": request.GET.get("url", "")[: Source._meta.get_field("url").max_length]}
    form = SubmitRumorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            rumor = rumor_submit(user=request.user, **form.cleaned_data)
        except DuplicateSubmission as dup:
            messages.info(request, dup.messages[0])
            return redirect(dup.rumor)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you. Your link is saved and is being fetched."))
            return redirect(rumor)
    return render(request, "rumors/rumor_submit.html", {"form": form})


@require_GET
def submit_check(request):
    """Was this link (or another address of what it points to) submitted before? Answers the
    submit form as the member types, with the rumor's title and verdict."""
    rumor = selectors.rumor_for_link(url=request.GET.get("url", ""), user=request.user)
    if rumor is None:
        return JsonResponse({"duplicate": False})
    return JsonResponse(
        {
            "duplicate": True,
            "url": rumor.get_absolute_url(),
            "title": rumor.title,
            "message": DuplicateSubmission(rumor).messages[0],
            # The title linked and the verdict badge, as the rumor's pages show them.
            "html": render_to_string("rumors/_duplicate_notice.html", {"rumor": rumor}, request),
        }
    )


@require_GET
def people_suggest(request):
    people = selectors.person_suggest(q=request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [
                {"slug": p.slug, "name": p.name, "name_hangul": p.name_hangul} for p in people
            ]
        }
    )


@anonymous_page_cache
def rumor_detail(request, pk: int, slug: str | None = None):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    if rumor.slug and slug != rumor.slug:
        return HttpResponsePermanentRedirect(rumor.get_absolute_url())
    return _rumor_page(request, rumor)


@require_GET
def rumor_status(request, pk: int):
    """What the rumor page polls to update itself without a reload: small, and answered 304
    when its ETag still holds."""
    body = json.dumps(selectors.rumor_live_status(pk=pk, user=request.user)).encode()
    etag = quote_etag(hashlib.sha1(body, usedforsecurity=False).hexdigest())
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    # A shared cache answers the many open pages polling it for CACHE_S_MAXAGE at a time
    # (config/shared_cache.py); a browser asks again each time, with the ETag: a cheap 304.
    patch_vary_headers(response, ["Cookie"])
    return response


def _rumor_page(request, rumor: Rumor, *, status: int = 200, **forms):
    """The rumor page; a form that failed is passed in bound, so nothing typed is lost."""
    moderation = selectors.rumor_moderation(rumor=rumor, user=request.user)
    my_vote = moderation.my_vote
    vote_initial = {"verdict": my_vote.verdict, "rationale": my_vote.rationale} if my_vote else None
    events, earlier_events = selectors.timeline_latest(rumor=rumor, user=request.user)
    context = {
        "rumor": rumor,
        "follow": follow_state(user=request.user, target=rumor),
        "events": events,
        "earlier_events": earlier_events,
        "more_sources": max(0, rumor.source_count - selectors.RUMOR_PAGE_SOURCES),
        "related": selectors.rumor_related(rumor=rumor),
        "share": share.rumor_share(rumor=rumor),
        "first_post": selectors.rumor_first_post(rumor=rumor),
        "can_mark_sensitive": can_mark_sensitive(request.user),
        "can_decide_media_link": permissions.can_decide_media_link(request.user),
        "site_url": settings.SITE_URL,
        "live_poll_seconds": settings.LIVE_POLL_SECONDS,
        "can_fetch_again": permissions.can_fetch_again(request.user, rumor),
        "moderation": moderation,
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "vote_form": forms.get("vote_form") or VoteForm(initial=vote_initial),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "reject_form": forms.get("reject_form") or RejectForm(),
        "hold_form": forms.get("hold_form") or HoldForm(),
        "release_form": forms.get("release_form") or ReleaseForm(),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "reupload_form": forms.get("reupload_form") or ReuploadForm(),
        "redact_form": forms.get("redact_form")
        or RedactForm(initial={"title": rumor.title, "claim": rumor.claim}),
        "translate_form": forms.get("translate_form") or TranslateForm.for_rumor(rumor),
        "appeal": selectors.appeal_state(rumor=rumor, user=request.user),
        "appeal_form": forms.get("appeal_form") or AppealForm(),
        "discussion": selectors.rumor_discussion(rumor=rumor, user=request.user),
        "discussion_form": forms.get("discussion_form") or DiscussionForm(),
    }
    return render(request, "rumors/rumor_detail.html", context, status=status)


@anonymous_page_cache
def about(request):
    """What the site does and does not do, how to report, and the privacy policy."""
    context = {
        "target_hours": Report.DECISION_TARGET_HOURS,
        "hold_max_days": settings.HOLD_MAX_DAYS,
        "retention_days": settings.REPORT_RETENTION_DAYS,
        "hides_per_day": settings.REPORT_HIDES_PER_ADDRESS_PER_DAY,
    }
    return render(request, "rumors/about.html", context)


@anonymous_page_cache
def transparency(request):
    context = {"months": selectors.transparency_months(), "categories": Report.Category.labels}
    return render(request, "rumors/transparency.html", context)


@anonymous_page_cache
def rumor_timeline(request, pk: int):
    """The rumor's whole timeline, oldest first, page by page."""
    rumor = selectors.rumor_header_for_user(pk=pk, user=request.user)
    events = selectors.timeline_for(rumor=rumor, user=request.user)
    page = Paginator(events, selectors.EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "rumors/rumor_timeline.html", {"rumor": rumor, "page": page})


@anonymous_page_cache
def rumor_sources(request, pk: int):
    """Every source of the rumor (re-uploads of a viral clip add up), page by page."""
    rumor = selectors.rumor_header_for_user(pk=pk, user=request.user)
    sources = selectors.sources_for(rumor=rumor, user=request.user)
    page = Paginator(sources, selectors.SOURCES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"rumor": rumor, "page": page, "can_mark_sensitive": can_mark_sensitive(request.user)}
    return render(request, "rumors/rumor_sources.html", context)


@login_required
@require_POST
def discuss(request, pk: int):
    """A moderator's message in the rumor's discussion; a bad one is shown back, kept."""
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(
        permissions.can_discuss(request.user, rumor),
        _("Only moderators take part in the discussion."),
    )
    form = DiscussionForm(request.POST)
    if form.is_valid():
        try:
            discussion_post(moderator=request.user, rumor=rumor, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(f"{rumor.get_absolute_url()}#discussion")
    return _rumor_page(request, rumor, status=400, discussion_form=form)


@login_required
@require_POST
def fetch_again(request, pk: int, source_pk: int):
    """The submitter's "try again" on a link whose fetch failed."""
    rumor = selectors.rumor_header_for_user(pk=pk, user=request.user)
    source = selectors.rumor_source_get(rumor=rumor, pk=source_pk)
    _require(
        permissions.can_fetch_again(request.user, rumor),
        _("Only the rumor's submitter and moderators can try again."),
    )
    if source_services.source_fetch_again(user=request.user, rumor=rumor, source=source):
        messages.success(request, _("The link will be fetched again in a moment."))
    return redirect(f"{rumor.get_absolute_url()}#source-{source.pk}")


@anonymous_page_cache
def source_open(request, pk: int, source_pk: int):
    """The warning before a link whose media a verdict found fake or misleading: the verdict,
    then "open anyway". A withheld link has nothing to open; any other link needs no warning
    and leads back to its card."""
    rumor = selectors.rumor_header_for_user(pk=pk, user=request.user)
    source = selectors.rumor_source_get(rumor=rumor, pk=source_pk)
    if media_withheld(source):
        raise Http404("This link is withheld after a report.")
    verdict = media_debunked(rumor)
    if verdict is None:
        return redirect(f"{rumor.get_absolute_url()}#source-{source.pk}")
    context = {"rumor": rumor, "source": source, "verdict": verdict}
    return render(request, "rumors/source_open.html", context)


@require_POST
def rumor_mark_sensitive(request, pk: int):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    form = SensitivityForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The form was incomplete. Please try again."))
    source_id, sensitive = form.cleaned_data["source"], form.cleaned_data["sensitive"]
    if source_id is not None and not rumor.sources.filter(pk=source_id).exists():
        raise Http404("No such source on this rumor.")
    if source_id is None:
        rumor_set_sensitive(rumor_id=rumor.pk, user=request.user, sensitive=sensitive)
    else:
        source_set_sensitive(source_id=source_id, user=request.user, sensitive=sensitive)
    if sensitive:
        messages.success(request, _("Marked sensitive: its thumbnails are now blurred."))
    else:
        messages.success(request, _("No longer marked sensitive."))
    return redirect(rumor)


@anonymous_page_cache
def person_detail(request, slug: str):
    person = selectors.person_get(slug=slug)
    rumors = selectors.person_rumors(person=person)
    breakdown = selectors.verdict_breakdown(rumors=Rumor.objects.filter(people=person))
    context = {
        "person": person,
        "follow": follow_state(user=request.user, target=person),
        "rumors": rumors,
        "breakdown": breakdown,
        "share": share.page_share(page="person", path=request.path, person=person),
    }
    return render(request, "rumors/person_detail.html", context)


@anonymous_page_cache
def work_detail(request, slug: str):
    work = selectors.work_get(slug=slug)
    rumors = selectors.work_rumors(work=work)
    breakdown = selectors.verdict_breakdown(rumors=Rumor.objects.filter(works=work))
    return render(
        request,
        "rumors/work_detail.html",
        {
            "work": work,
            "follow": follow_state(user=request.user, target=work),
            "rumors": rumors,
            "breakdown": breakdown,
            "share": share.page_share(page="work", path=request.path, work=work),
        },
    )


@anonymous_page_cache
def search(request):
    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and any(form.cleaned_data.values()):
        results = selectors.search(**form.cleaned_data)
    context = {
        "form": form,
        "results": results,
        "share": share.page_share(page="search", path=request.get_full_path()),
    }
    return render(request, "rumors/search.html", context)


@never_cache
@require_GET
def healthz(request):
    """200 when the database and the broker answer, 503 otherwise (for load balancers)."""
    from config.celery import app

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy; the reason is reported
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        checks["broker"] = "ok"
    except Exception as exc:  # noqa: BLE001
        checks["broker"] = f"error: {exc.__class__.__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


@require_GET
def bench_ceiling(request):
    """The load benchmark's ceiling: the full middleware stack, then no database or broker."""
    return JsonResponse({"status": "ok"})


# --- Moderation ----------------------------------------------------------------------------
def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _rumor_changed(request, pk: int, exc: ValidationError):
    """The rumor is no longer in the state the form was made for: another moderator's vote
    closed the round a moment ago, say. The form is gone from the page as it is now, so the
    reason is shown as a message above it; 409 as the request conflicts with the rumor's state."""
    messages.error(request, " ".join(exc.messages))
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    return _rumor_page(request, rumor, status=409)


@login_required
@require_POST
def evidence_add(request, pk: int):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(
        permissions.can_propose_evidence(request.user, rumor), _("You cannot add evidence here.")
    )
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence = evidence_submit(user=request.user, rumor=rumor, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if evidence.status == Evidence.Status.ACCEPTED:
                messages.success(request, _("Evidence added."))
            else:
                messages.success(request, _("Thank you: a moderator will review your evidence."))
            if evidence.is_media_blocked:
                # Neutral on purpose: it says nothing of what the picture matched.
                messages.info(
                    request, _("Its picture is not shown for now: a moderator will look at it.")
                )
            return redirect(rumor.get_absolute_url() + "#evidence")
    return _rumor_page(request, rumor, evidence_form=form, status=400)


@login_required
@require_POST
def evidence_review(request, pk: int, evidence_pk: int, decision: str):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.can_moderate(request.user), _("Only moderators review evidence."))
    evidence = rumor.evidence.filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404("No such evidence on this rumor.")
    review = evidence_accept if decision == "accept" else evidence_reject
    try:
        review(moderator=request.user, evidence=evidence)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(rumor.get_absolute_url() + "#evidence")


@login_required
@require_POST
def vote(request, pk: int):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.can_vote(request.user, rumor), _("You cannot vote on this rumor."))
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            vote_cast(moderator=request.user, rumor=rumor, **form.cleaned_data)
        except RoundClosed as exc:
            return _rumor_changed(request, pk, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your vote is recorded."))
            return redirect(rumor.get_absolute_url() + "#verdict")
    return _rumor_page(request, rumor, vote_form=form, status=400)


@login_required
@require_POST
def reopen(request, pk: int):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.can_reopen(request.user, rumor), _("Only moderators reopen rumors."))
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            rumor_reopen(moderator=request.user, rumor=rumor, **form.cleaned_data)
        except ReopenNotAllowed as exc:
            return _rumor_changed(request, pk, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Reopened: a new review round has started."))
            return redirect(rumor.get_absolute_url() + "#verdict")
    return _rumor_page(request, rumor, reopen_form=form, status=400)


@login_required
@require_POST
def reject(request, pk: int):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.can_moderate(request.user), _("Only moderators reject rumors."))
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            rumor_reject(moderator=request.user, rumor=rumor, **form.cleaned_data)
        except AlreadyRejected as exc:
            return _rumor_changed(request, pk, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Rejected: the rumor is hidden from everyone else."))
            return redirect("rumors:moderation")
    return _rumor_page(request, rumor, reject_form=form, status=400)


def _moderator_action(request, pk: int, *, form_class, form_name, service, conflict, done: str):
    """A moderator's form on the rumor page: one service call, the page again on failure."""
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.can_moderate(request.user), _("Only moderators do this."))
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(moderator=request.user, rumor=rumor, **form.cleaned_data)
        except conflict as exc:
            return _rumor_changed(request, pk, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done)
            return redirect(selectors.rumor_header_for_user(pk=pk, user=request.user))
    return _rumor_page(request, rumor, status=400, **{form_name: form})


@login_required
@require_POST
def hold(request, pk: int):
    """Moderators, and a verified requester on a rumor about the person they represent."""
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.may_hold(request.user, rumor), _("You cannot hold this rumor."))
    form = HoldForm(request.POST)
    if form.is_valid():
        try:
            rumor_hold(user=request.user, rumor=rumor, **form.cleaned_data)
        except HoldNotAllowed as exc:
            return _rumor_changed(request, pk, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Held: the page answers 451 to everyone else until the date.")
            )
            # A requester is redirected to the notice the public sees (451) from now on.
            return redirect(rumor.get_absolute_url())
    return _rumor_page(request, rumor, status=400, hold_form=form)


@login_required
@require_POST
def reupload_add(request, pk: int):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.can_propose_evidence(request.user, rumor), _("You cannot add links here."))
    form = ReuploadForm(request.POST)
    if form.is_valid():
        try:
            evidence = reupload_submit(user=request.user, rumor=rumor, **form.cleaned_data)
        except DuplicateSubmission as dup:
            form.add_error(
                "url",
                _("This link belongs to another rumor: “%(title)s”. A moderator can merge them.")
                % {"title": dup.rumor.title},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if evidence.status == Evidence.Status.ACCEPTED:
                messages.success(request, _("Link added."))
            else:
                messages.success(request, _("Thank you: a moderator will check the link."))
            return redirect(rumor.get_absolute_url() + "#sources")
    return _rumor_page(request, rumor, status=400, reupload_form=form)


@login_required
@require_POST
def merge(request, pk: int):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.can_moderate(request.user), _("Only moderators do this."))
    form = MergeForm(request.POST)
    if form.is_valid():
        into = Rumor.objects.filter(pk=form.cleaned_data["into"]).first()
        if into is None or not permissions.can_view_rumor(request.user, into):
            form.add_error("into", _("No such rumor."))
        else:
            try:
                survivor = rumor_merge(moderator=request.user, rumor=rumor, into=into)
            except AlreadyMerged as exc:
                return _rumor_changed(request, pk, exc)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Merged: this rumor now holds both."))
                return redirect(survivor)
    return _rumor_page(request, rumor, status=400, merge_form=form)


@login_required
@require_POST
def media_link_decision(request, pk: int, link_pk: int):
    """A moderator confirms or splits a link of the rumor page's similar media."""
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    link = selectors.media_link_get_for_user(pk=link_pk, user=request.user)
    _require(permissions.can_decide_media_link(request.user), _("Only moderators do this."))
    form = MediaLinkDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["decision"]))
        return _rumor_page(request, rumor, status=400)
    media_link_decide(moderator=request.user, link=link, **form.cleaned_data)
    if form.cleaned_data["decision"] == "confirm":
        messages.success(request, _("Confirmed: the two links show the same picture."))
    else:
        messages.success(request, _("Split: the two links are no longer shown as similar media."))
    return redirect(rumor.get_absolute_url() + "#similar-media-" + str(link.source_a_id))


@login_required
@require_POST
def release(request, pk: int):
    return _moderator_action(
        request,
        pk,
        form_class=ReleaseForm,
        form_name="release_form",
        service=rumor_release,
        conflict=NotHeld,
        done=_("The hold is lifted: the rumor is public again."),
    )


@login_required
@require_POST
def redact(request, pk: int):
    return _moderator_action(
        request,
        pk,
        form_class=RedactForm,
        form_name="redact_form",
        service=rumor_redact,
        conflict=(),
        done=_("Redacted: the public sees the new text."),
    )


@login_required
@require_POST
def translate(request, pk: int):
    rumor = selectors.rumor_get_for_user(pk=pk, user=request.user)
    _require(permissions.can_translate(request.user, rumor), _("Only moderators do this."))
    form = TranslateForm(request.POST, prefix="translate")
    if form.is_valid():
        try:
            rumor_translate(moderator=request.user, rumor=rumor, **form.cleaned_data)
        except TextChanged as exc:
            return _rumor_changed(request, pk, exc)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Added: readers see the text in their language first."))
            return redirect(selectors.rumor_header_for_user(pk=pk, user=request.user))
    return _rumor_page(request, rumor, status=400, translate_form=form)


@login_required
@require_POST
def appeal(request, pk: int):
    """The submitter's one appeal, from the rumor page or a held rumor's 451 notice."""
    rumor = selectors.rumor_for_appeal(pk=pk, user=request.user)
    # The notice of a held rumor is not a form page: a refusal comes back as a message there.
    try:
        appeal_submit(user=request.user, rumor=rumor, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your appeal is sent: a moderator will read it."))
    return redirect(rumor.get_absolute_url() + "#appeal")


@login_required
def moderation_queue(request):
    _require(permissions.can_moderate(request.user), _("The queue is for moderators."))
    form = QueueFilterForm(request.GET or None)
    chosen = form.cleaned_data["filter"] if form.is_valid() else ""
    page = Paginator(selectors.moderation_queue(filter=chosen), 50).get_page(
        request.GET.get("page")
    )
    people, works = selectors.catalog_proposals()
    context = {"form": form, "page": page, "proposed_people": people, "proposed_works": works}
    return render(request, "rumors/moderation_queue.html", context)


CATALOG_MODELS = {"people": Person, "works": Work}


@login_required
@require_POST
def catalog_review_decide(request, kind: str, slug: str):
    """A moderator approves or rejects a proposed person or work from the queue."""
    if kind not in CATALOG_MODELS:
        raise Http404("No such list.")
    entry = selectors.catalog_entry_for_review(
        model=CATALOG_MODELS[kind], slug=slug, user=request.user
    )
    _require(permissions.can_review_catalog(request.user), _("Only moderators do this."))
    try:
        catalog_review(
            moderator=request.user, entity=entry, decision=request.POST.get("decision", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Decided: %(name)s.") % {"name": entry})
    return redirect("rumors:moderation")


# --- Reports -------------------------------------------------------------------------------
def report(request):
    """The report form: works logged out, prefilled from ?url= or ?evidence=."""
    initial = {"url": request.GET.get("url", ""), "evidence": request.GET.get("evidence")}
    form = ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report_submit(
                url=data["url"],
                evidence_id=data["evidence"],
                category=data["category"],
                details=data["details"],
                email=data["email"],
                address=client_ip(request),
                user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("rumors:report_sent")
    context = {"form": form, "category_help": REPORT_CATEGORY_HELP}
    return render(request, "rumors/report_form.html", context, status=400 if form.errors else 200)


def report_sent(request):
    return render(request, "rumors/report_sent.html")


@login_required
def moderation_reports(request):
    """Open reports, oldest first. A decision is a POST here naming the report."""
    _require(permissions.can_decide_reports(request.user), _("Reports are for moderators."))
    if request.method == "POST":
        return _report_decision(request)
    context = {
        "reports": selectors.report_queue(),
        "form": ReportDecisionForm(),
        "target_hours": Report.DECISION_TARGET_HOURS,
        "media_url": settings.MEDIA_URL,
        "appeals": selectors.appeal_queue(),
    }
    return render(request, "rumors/moderation_reports.html", context)


def _report_decision(request):
    form = ReportDecisionForm(request.POST)
    report = selectors.report_get(pk=request.POST.get("report", ""))
    if report is None:
        raise Http404("No such report.")
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give a reason."))
    else:
        try:
            report_decide(moderator=request.user, report_id=report.pk, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Report decided."))
    return redirect("rumors:moderation_reports")


@login_required
def moderation_requesters(request):
    """Verified requesters: record one (the member, and the person or agency), or revoke one."""
    _require(permissions.can_manage_requesters(request.user), _("This page is for moderators."))
    form = RequesterForm(request.POST or None)
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                requester_revoke(moderator=request.user, requester_id=_int(request.POST["revoke"]))
                messages.success(request, _("Revoked."))
                return redirect("rumors:moderation_requesters")
            if form.is_valid():
                requester_record(moderator=request.user, **form.cleaned_data)
                messages.success(request, _("Recorded as a verified requester."))
                return redirect("rumors:moderation_requesters")
        except ValidationError as exc:
            form.add_error(None, exc)
    context = {"form": form, "requesters": selectors.requester_list()}
    status = 400 if request.method == "POST" else 200
    return render(request, "rumors/moderation_requesters.html", context, status=status)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        return 0


@never_cache
@login_required
def held_media(request, path: str):
    """A withheld file, for the moderators deciding its report: never cached, never public."""
    _require(permissions.can_decide_reports(request.user), _("Reports are for moderators."))
    return serve(request, path, document_root=settings.MEDIA_HELD_ROOT)


INDEX_PAGE_SIZE = 200


def _catalog_index(request, *, kind: str, entries_for, heading, intro):
    letter = request.GET.get("letter", "")
    known = (*indexes.HANGUL_INITIALS, *indexes.LATIN_INITIALS, indexes.OTHER)
    letter = letter if letter in known else ""
    entries = entries_for(letter=letter)
    page = None
    if not letter:
        page = Paginator(entries, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
        entries = page.object_list
    context = {
        "kind": kind,
        "heading": heading,
        "intro": intro,
        "letter": letter,
        "entries": entries,
        "page": page,
        "hangul_initials": indexes.HANGUL_INITIALS,
        "latin_initials": [*indexes.LATIN_INITIALS, indexes.OTHER],
    }
    return render(request, "rumors/catalog_index.html", context)


@anonymous_page_cache
def people_index(request):
    """Actors A–Z and by Hangul initial, with how many rumors and verdicts each has."""
    return _catalog_index(
        request,
        kind="people",
        entries_for=indexes.person_index,
        heading=_("People"),
        intro=_("Actors and other people in the rumors, with their rumors and verdicts."),
    )


@anonymous_page_cache
def works_index(request):
    """Dramas and films A–Z and by Hangul initial, with how many rumors and verdicts each has."""
    return _catalog_index(
        request,
        kind="works",
        entries_for=indexes.work_index,
        heading=_("Dramas and films"),
        intro=_("Dramas, films and shows in the rumors, with their rumors and verdicts."),
    )


def robots_txt(request):
    """What crawlers may read: rumor, people and works pages; never moderation, accounts or
    the API. Points to the sitemap."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *"]
    for code, _name in settings.LANGUAGES:
        lines += [f"Allow: /{code}/{section}/" for section in ("rumors", "people", "works")]
        lines += [
            f"Disallow: /{code}/{section}/"
            for section in ("moderation", "accounts", "report", "submit", "webhooks")
        ]
    lines += [
        "Disallow: /api/",
        "Disallow: /admin/",
        # The language switch's address: it only sets a cookie and redirects.
        "Disallow: /language/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
