"""Submitting rumors and the links they rest on."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications.services import follow_add
from rumors import permissions
from rumors.fetchers.linkkeys import link_key
from rumors.fetchers.urls import InvalidURL, normalize_url
from rumors.models import Person, Rumor, Source, SourceKey, TimelineEvent, Work
from rumors.selectors import rumor_for_source, source_for_key
from rumors.services.catalog import person_propose, work_propose
from rumors.services.queue import source_queue_fetch
from rumors.services.search_index import rumor_index, rumor_terms
from rumors.services.timeline import timeline_append
from rumors.text import clean_text


class DuplicateSubmission(ValidationError):
    """The link was submitted before; `rumor` is where it already lives."""

    def __init__(self, rumor: Rumor):
        super().__init__(
            _("This link was already submitted: see the rumor “%(title)s”."),
            code="duplicate",
            params={"title": rumor.title},
        )
        self.rumor = rumor


def source_get_or_create(*, url: str) -> tuple[Source, bool]:
    """The one Source for a link, found by its key (`link_key`: the same clip under another
    address is the same link), made pending if new. Raises ValidationError for a bad link."""
    try:
        key, normalized = link_key(url), normalize_url(url)
    except InvalidURL as exc:
        raise ValidationError({"url": str(exc)}, code="invalid") from exc
    source = source_for_key(key=key)
    if source:
        return source, False
    try:
        # A savepoint, so that losing a race to another submitter leaves the outer
        # transaction usable.
        with transaction.atomic():
            source = Source.objects.create(url=url.strip(), normalized_url=normalized)
            SourceKey.objects.create(source=source, key=key)
            return source, True
    except IntegrityError:
        # Lost the race for the key; or a source older than today's normalize_url rules
        # holds this normalized URL under another key.
        return source_for_key(key=key) or Source.objects.get(normalized_url=normalized), False


def check_length(errors: dict, field: str, value: str, limit: int) -> None:
    """Add a message to `errors` if `value` is longer than `limit` characters."""
    if len(value) > limit:
        errors[field] = _("Keep this under %(n)s characters.") % {"n": limit}


def rumor_text(*, title: str | None, claim: str | None) -> tuple[str, str]:
    """A rumor's title and claim, cleaned and checked (submitted or redacted alike); a
    ValidationError naming each field that is empty or too long."""
    title, claim = clean_text(title or ""), clean_text(claim or "", multiline=True)
    errors = {}
    if not title:
        errors["title"] = _("Give the rumor a short title.")
    if not claim:
        errors["claim"] = _("Say what the link claims.")
    check_length(errors, "title", title, Rumor.TITLE_MAX_LENGTH)
    check_length(errors, "claim", claim, Rumor.CLAIM_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    return title, claim


def required_text(value: str | None, *, field: str, limit: int, missing: str) -> str:
    """A moderator's reason or rationale, cleaned as multi-line text; a ValidationError on
    `field` if it is empty (`missing` says what to write) or longer than `limit`."""
    value = clean_text(value or "", multiline=True)
    errors = {}
    if not value:
        errors[field] = missing
    check_length(errors, field, value, limit)
    if errors:
        raise ValidationError(errors)
    return value


@transaction.atomic
def rumor_submit(
    *,
    user: User,
    url: str,
    title: str,
    claim: str,
    title_ko: str = "",
    claim_ko: str = "",
    people: Iterable[Person] = (),
    works: Iterable[Work] = (),
    new_people: Iterable[dict] = (),
    new_works: Iterable[dict] = (),
) -> Rumor:
    """Save a member's rumor and its link at once; the fetch is queued after commit. The
    Korean title and claim are optional, beside the others (which may be Korean too).
    `new_people` and `new_works` are people and works the site does not know yet
    (services/catalog.py `person_propose`, `work_propose` take each dict): usable on this
    rumor at once, listed once a moderator approves them.

    Raises DuplicateSubmission when the link already belongs to a rumor, and ValidationError
    while the rumor it belongs to is held (a moderator's temporary measure).
    """
    title, claim = rumor_text(title=title, claim=claim)
    title_ko, claim_ko = clean_text(title_ko or ""), clean_text(claim_ko or "", multiline=True)
    errors: dict = {}
    check_length(errors, "title_ko", title_ko, Rumor.TITLE_MAX_LENGTH)
    check_length(errors, "claim_ko", claim_ko, Rumor.CLAIM_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    terms = rumor_terms(title=title, claim=claim, title_ko=title_ko, claim_ko=claim_ko)

    source, created = source_get_or_create(url=url)
    if not created:
        existing = rumor_for_source(source=source, user=user)
        if existing:
            raise DuplicateSubmission(existing)
        if source.rumors.filter(held_until__gt=timezone.now()).exists():
            # Held pending a decision: a second rumor on the same link would undo the hold.
            raise ValidationError(
                {
                    "url": _(
                        "This link belongs to a rumor that is temporarily unavailable while "
                        "it is reviewed; it cannot be submitted again until then."
                    )
                },
                code="held",
            )

    rumor = Rumor.objects.create(
        title=title,
        slug=Rumor.make_slug(title),
        claim=claim,
        title_ko=title_ko,
        claim_ko=claim_ko,
        submitted_by=user,
    )
    people = [*people, *(person_propose(user=user, **new) for new in new_people)]
    works = [*works, *(work_propose(user=user, **new) for new in new_works)]
    if len(set(people)) > Rumor.MAX_PEOPLE:
        raise ValidationError(_("Name at most %(n)s people.") % {"n": Rumor.MAX_PEOPLE})
    if len(set(works)) > Rumor.MAX_WORKS:
        raise ValidationError(_("Name at most %(n)s dramas or films.") % {"n": Rumor.MAX_WORKS})
    rumor.people.set(people)
    rumor.works.set(works)
    rumor_index(rumor=rumor, terms=terms)
    rumor.sources.add(source)
    rumor.rounds.create(number=1, opened_by=user)
    timeline_append(
        rumor=rumor,
        kind=TimelineEvent.Kind.SUBMITTED,
        actor=user,
        source=source,
        data={"url": source.normalized_url},
    )
    if source.fetch_state == Source.State.PENDING:
        source_queue_fetch(source=source)
    elif source.fetch_state == Source.State.FETCHED:
        # A link already known as evidence elsewhere: its metadata is here already.
        timeline_append(
            rumor=rumor,
            kind=TimelineEvent.Kind.SOURCE_FETCHED,
            source=source,
            data={"title": source.title, "reused": True},
        )
    follow_add(member=user, target=rumor)  # the submitter is told what is settled
    return rumor


class AlreadyRejected(ValidationError):
    """Another moderator rejected the rumor a moment ago."""

    def __init__(self):
        super().__init__(_("This rumor was already rejected."), code="rejected")


@transaction.atomic
def rumor_reject(*, moderator: User, rumor: Rumor, reason: str) -> Rumor:
    """Reject a rumor as spam: it leaves every public page, list, feed, search and API answer
    at once, and stays visible to moderators and its submitter with the reason."""
    if not permissions.can_moderate(moderator):
        raise PermissionDenied(_("Only moderators reject rumors."))
    reason = required_text(
        reason,
        field="reason",
        limit=Rumor.REJECT_REASON_MAX_LENGTH,
        missing=_("Say why this rumor is rejected."),
    )
    rumor = Rumor.objects.select_for_update().get(pk=rumor.pk)
    if not permissions.can_reject(moderator, rumor):
        raise AlreadyRejected()
    previous = rumor.status
    rumor.status = Rumor.Status.REJECTED
    rumor.save(update_fields=["status", "updated_at"])
    timeline_append(
        rumor=rumor,
        kind=TimelineEvent.Kind.REJECTED,
        actor=moderator,
        data={"reason": reason, "previous_status": previous},
    )
    # The public saw the rumor until now: a contentless event tells mirrors to delete it.
    timeline_append(rumor=rumor, kind=TimelineEvent.Kind.WITHDRAWN, data={"what": "rumor"})
    return rumor
