"""People and works that members propose from the submit form (usable at once on their
rumor, listed once a moderator approves them: CatalogQuerySet.listed), and the moderator's
decision on a proposal."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors import permissions
from rumors.models import CatalogStatus, Person, Work
from rumors.services.search_index import names_index
from rumors.text import clean_text

DECISIONS = {"approve": CatalogStatus.APPROVED, "reject": CatalogStatus.REJECTED}
# Years a proposed work may carry.
YEAR_MIN, YEAR_MAX = 1900, 2100


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _unique_slug(model, text: str, fallback: str) -> str:
    base = slugify(text)[: _limit(model, "slug") - 8] or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _checked(model, values: dict[str, str], *, field: str, required: str) -> dict[str, str]:
    """The values cleaned and within their columns, or a ValidationError on `field` (the
    form's or the API's name for the whole proposal)."""
    cleaned = {name: clean_text(value or "") for name, value in values.items()}
    first = next(iter(cleaned))
    if not cleaned[first]:
        raise ValidationError({field: required})
    for name, value in cleaned.items():
        if len(value) > _limit(model, name):
            raise ValidationError(
                {field: _("Keep this under %(n)s characters.") % {"n": _limit(model, name)}}
            )
    return cleaned


def person_propose(*, user: User, name: str, name_hangul: str = "", agency: str = "") -> Person:
    """A person the site does not know yet, proposed by a member for their rumor: a listed
    person of the same name (romanized or Hangul) is used instead. Not listed, and not in
    the search index, until a moderator approves it. Call inside the submitting transaction."""
    values = _checked(
        Person,
        {"name": name, "name_hangul": name_hangul, "agency": agency},
        field="new_people",
        required=_("Give the new person's name in Latin letters."),
    )
    same = Q(name__iexact=values["name"])
    if values["name_hangul"]:
        same |= Q(name_hangul=values["name_hangul"])
    known = Person.objects.listed().filter(same).order_by("id").first()
    if known is not None:
        return known
    return Person.objects.create(
        **values,
        slug=_unique_slug(Person, values["name"], "person"),
        status=CatalogStatus.PROPOSED,
        proposed_by=user,
    )


def work_propose(
    *, user: User, title: str, title_korean: str = "", year: int | None = None
) -> Work:
    """A drama or film the site does not know yet, proposed by a member (as person_propose)."""
    values = _checked(
        Work,
        {"title": title, "title_korean": title_korean},
        field="new_works",
        required=_("Give the new drama's or film's title in Latin letters."),
    )
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(
            {
                "new_works": _("Give a year between %(a)s and %(b)s.")
                % {"a": YEAR_MIN, "b": YEAR_MAX}
            }
        )
    same = Q(title__iexact=values["title"])
    if values["title_korean"]:
        same |= Q(title_korean=values["title_korean"])
    if year is not None:
        same &= Q(year=year) | Q(year__isnull=True)
    known = Work.objects.listed().filter(same).order_by("id").first()
    if known is not None:
        return known
    return Work.objects.create(
        **values,
        year=year,
        slug=_unique_slug(Work, f"{values['title']} {year or ''}", "work"),
        status=CatalogStatus.PROPOSED,
        proposed_by=user,
    )


def catalog_review(*, moderator: User, entity: Person | Work, decision: str) -> Person | Work:
    """A moderator approves (`approve`: listed everywhere, found by search) or rejects
    (`reject`: taken off the rumors it was proposed for) a member's proposed person or work."""
    if not permissions.can_review_catalog(moderator):
        raise PermissionDenied(_("Only moderators approve or reject proposed people and works."))
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Choose “approve” or “reject”.")})
    with transaction.atomic():
        entity = type(entity).objects.select_for_update().get(pk=entity.pk)
        if entity.status != CatalogStatus.PROPOSED:
            raise ValidationError(_("This proposal was decided already."), code="decided")
        entity.status = DECISIONS[decision]
        entity.save(update_fields=["status"])
        if entity.status == CatalogStatus.REJECTED:
            entity.rumors.clear()
    if entity.status == CatalogStatus.APPROVED:
        # After the commit: teaching the analyser the names may load it (seconds).
        names_index(entity=entity)
    return entity
