import factory
from allauth.account.models import EmailAddress
from django.utils.text import slugify

from accounts.tests.factories import ModeratorFactory, UserFactory
from rumors.fetchers.linkkeys import link_key
from rumors.models import (
    Evidence,
    MediaLink,
    Person,
    Rumor,
    Source,
    SourceKey,
    TimelineEvent,
    VerifiedRequester,
    Work,
)
from rumors.services.search_index import names_index, rumor_index


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Actor {n}")
    name_hangul = factory.Sequence(lambda n: f"배우{n}")
    slug = factory.LazyAttribute(lambda p: slugify(p.name))
    agency = "Awesome ENT"

    @factory.post_generation
    def index_names(obj, create, extracted, **kwargs):
        if create:
            names_index(entity=obj)


class WorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Work
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Drama {n}")
    title_korean = factory.Sequence(lambda n: f"드라마{n}")
    year = 2020
    slug = factory.LazyAttribute(lambda w: slugify(w.title))

    @factory.post_generation
    def index_names(obj, create, extracted, **kwargs):
        if create:
            names_index(entity=obj)


class SourceFactory(factory.django.DjangoModelFactory):
    """A source as source_get_or_create leaves it: found under its link's key."""

    class Meta:
        model = Source
        skip_postgeneration_save = True

    url = factory.Sequence(lambda n: f"https://www.youtube.com/watch?v=clip{n:06d}")
    normalized_url = factory.LazyAttribute(lambda s: s.url)

    @factory.post_generation
    def key(obj, create, extracted, **kwargs):
        if create:
            SourceKey.objects.create(source=obj, key=extracted or link_key(obj.url))


class RumorFactory(factory.django.DjangoModelFactory):
    """A rumor as rumor_submit leaves it: one source, round 1 open, a `submitted` event."""

    class Meta:
        model = Rumor
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Viral clip number {n}")
    slug = factory.LazyAttribute(lambda r: Rumor.make_slug(r.title))
    claim = "The clip shows the two leads together off-screen."
    submitted_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def with_source(obj, create, extracted, **kwargs):
        if not create:
            return
        source = extracted or SourceFactory()
        obj.sources.add(source)
        obj.rounds.create(number=1, opened_by=obj.submitted_by)
        TimelineEvent.objects.create(
            rumor=obj, kind=TimelineEvent.Kind.SUBMITTED, actor=obj.submitted_by, source=source
        )

    @factory.post_generation
    def index_text(obj, create, extracted, **kwargs):
        if create:
            rumor_index(rumor=obj)

    @factory.post_generation
    def people(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.people.set(extracted)

    @factory.post_generation
    def works(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.works.set(extracted)


class AcceptedEvidenceFactory(factory.django.DjangoModelFactory):
    """Accepted evidence resting on a link (`source`): by default the original footage."""

    class Meta:
        model = Evidence

    kind = Evidence.Kind.ORIGINAL_FOOTAGE
    stance = Evidence.Stance.REFUTES
    status = Evidence.Status.ACCEPTED
    source = factory.SubFactory(SourceFactory)
    url = factory.LazyAttribute(lambda e: e.source.url)


def media_link(one: Source, other: Source, *, distance: int = 4, state: str = "auto") -> MediaLink:
    """A link between two sources' pictures as matching leaves it (lower id first)."""
    a, b = sorted((one, other), key=lambda source: source.pk)
    return MediaLink.objects.create(source_a=a, source_b=b, distance=distance, state=state)


def confirm_email(user, *, verified: bool = True):
    """The member's primary address, as django-allauth records it, confirmed or not."""
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": verified}
    )
    return user


class VerifiedRequesterFactory(factory.django.DjangoModelFactory):
    """A record for a member whose address is confirmed (`confirmed=False`: not), for `person`
    unless an `agency` is given."""

    class Meta:
        model = VerifiedRequester
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    person = factory.Maybe("agency", None, factory.SubFactory(PersonFactory))
    agency = ""
    recorded_by = factory.SubFactory("accounts.tests.factories.ModeratorFactory")
    note = "Showed the agency's letter."

    @factory.post_generation
    def confirmed(obj, create, extracted, **kwargs):
        if create:
            confirm_email(obj.user, verified=extracted is not False)


def reach_verdict(rumor: Rumor, verdict: str = "ai_generated") -> None:
    """VERDICT_QUORUM new moderators vote the same verdict: the round closes with it."""
    from django.conf import settings

    from rumors.services.votes import vote_cast

    for _ in range(settings.VERDICT_QUORUM):
        vote_cast(
            moderator=ModeratorFactory(),
            rumor=rumor,
            verdict=verdict,
            rationale="Faces swapped onto the 2020 promotion footage.",
        )
