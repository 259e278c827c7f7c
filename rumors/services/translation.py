"""A moderator adds a rumor's text in the other language: the Korean title and claim beside
the English ones, or the English beside a rumor submitted in Korean (whose Korean text then
moves to title_ko and claim_ko). Pages and the API show the reader's language first; search
finds the rumor by the new words at once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors import permissions
from rumors.models import Rumor, TimelineEvent
from rumors.services.rumors import rumor_text
from rumors.services.search_index import rumor_index, rumor_terms
from rumors.services.timeline import timeline_append
from rumors.textsearch import HANGUL

TEXT_FIELDS = ("title", "claim", "title_ko", "claim_ko")


class TextChanged(ValidationError):
    """Another moderator changed the rumor's text a moment ago."""

    def __init__(self):
        super().__init__(
            _("The rumor's text changed a moment ago: read it again first."), code="changed"
        )


def _is_korean(text: str) -> bool:
    return bool(HANGUL.search(text))


def _new_text(rumor: Rumor, *, language: str, title: str, claim: str) -> dict[str, str]:
    """The rumor's four text fields once the translation is added, or a ValidationError."""
    if language not in Rumor.TRANSLATION_LANGUAGES:
        raise ValidationError({"language": _("Choose “ko” (Korean) or “en” (English).")})
    if language == "ko":
        if not _is_korean(title):
            raise ValidationError({"title": _("Write the Korean title and claim in Hangul.")})
        return {"title": rumor.title, "claim": rumor.claim, "title_ko": title, "claim_ko": claim}
    if rumor.title_ko or not _is_korean(rumor.title):
        raise ValidationError(
            {
                "language": _(
                    "This rumor's title and claim are in English already: add the Korean "
                    "text, or redact the English."
                )
            }
        )
    return {"title": title, "claim": claim, "title_ko": rumor.title, "claim_ko": rumor.claim}


def rumor_translate(
    *, moderator: User, rumor: Rumor, language: str, title: str, claim: str
) -> Rumor:
    """Add (or replace) the rumor's text in `language` ("ko" or "en"), record a `translated`
    event, and index the new words for search. Korean text that the public could read and that
    is now replaced is withdrawn from mirrors (`withdrawn`), as a redaction is."""
    if not permissions.can_translate(moderator, rumor):
        raise PermissionDenied(_("Only moderators add a rumor's text in another language."))
    title, claim = rumor_text(title=title, claim=claim)
    read = Rumor.objects.only(*TEXT_FIELDS).get(pk=rumor.pk)
    new = _new_text(read, language=language, title=title, claim=claim)
    # Analysed before the lock is taken (the analyser may take seconds to load).
    terms = rumor_terms(**new)
    with transaction.atomic():
        locked = Rumor.objects.select_for_update().get(pk=rumor.pk)
        if any(getattr(locked, name) != getattr(read, name) for name in TEXT_FIELDS):
            raise TextChanged()
        fields = [name for name in TEXT_FIELDS if getattr(locked, name) != new[name]]
        if not fields:
            raise ValidationError(_("This is the rumor's text already."), code="unchanged")
        replaced = language == "ko" and bool(locked.title_ko or locked.claim_ko)
        for name in fields:
            setattr(locked, name, new[name])
        update = [*fields, "updated_at"]
        if "title" in fields:
            # The slug follows the English title; the old address redirects to the new one.
            locked.slug = Rumor.make_slug(locked.title)
            update.append("slug")
        locked.save(update_fields=update)
        rumor_index(rumor=locked, terms=terms)
        timeline_append(
            rumor=locked,
            kind=TimelineEvent.Kind.TRANSLATED,
            actor=moderator,
            data={"language": language, "fields": fields},
        )
        if replaced:
            timeline_append(rumor=locked, kind=TimelineEvent.Kind.WITHDRAWN, data={"what": "text"})
    return locked
