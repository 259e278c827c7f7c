"""Submitting rumors and the links they rest on."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors.fetchers.urls import InvalidURL, normalize_url
from rumors.models import Person, Rumor, Source, TimelineEvent, Work
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
    """The one Source for a link, made pending if new. Raises ValidationError for a bad link."""
    try:
        key = normalize_url(url)
    except InvalidURL as exc:
        raise ValidationError({"url": str(exc)}, code="invalid") from exc
    source = Source.objects.filter(normalized_url=key).first()
    if source:
        return source, False
    try:
        # A savepoint, so that losing a race to another submitter leaves the outer
        # transaction usable.
        with transaction.atomic():
            return Source.objects.create(url=url.strip(), normalized_url=key), True
    except IntegrityError:
        return Source.objects.get(normalized_url=key), False


def source_queue_fetch(*, source: Source) -> None:
    """Queue a fetch once the current transaction commits.

    The source row is already saved as pending, so a broker that is down loses nothing: the
    periodic sweep queues it again later.
    """
    from rumors import tasks

    transaction.on_commit(lambda: tasks.enqueue_fetch(source.pk))


def rumor_find_by_url(*, url: str) -> Rumor | None:
    try:
        key = normalize_url(url)
    except InvalidURL:
        return None
    return Rumor.objects.filter(sources__normalized_url=key).order_by("created_at").first()


@transaction.atomic
def rumor_submit(
    *,
    user: User,
    url: str,
    title: str,
    claim: str,
    people: Iterable[Person] = (),
    works: Iterable[Work] = (),
) -> Rumor:
    """Save a member's rumor and its link at once; the fetch is queued after commit.

    Raises DuplicateSubmission when the link already belongs to a rumor.
    """
    title, claim = clean_text(title), clean_text(claim, multiline=True)
    errors = {}
    if not title:
        errors["title"] = _("Give the rumor a short title.")
    if not claim:
        errors["claim"] = _("Say what the link claims.")
    if errors:
        raise ValidationError(errors)

    source, created = source_get_or_create(url=url)
    if not created:
        existing = source.rumors.order_by("created_at").first()
        if existing:
            raise DuplicateSubmission(existing)

    rumor = Rumor.objects.create(
        title=title, slug=Rumor.make_slug(title), claim=claim, submitted_by=user
    )
    rumor.people.set(people)
    rumor.works.set(works)
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
    return rumor
