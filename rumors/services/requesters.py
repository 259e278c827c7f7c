"""Verified requesters: a moderator records a member as the person concerned (a Person of the
site) or their agency, and may revoke the record. What a record allows is decided in
permissions.py (can_hold_as_requester) and the queue's order in selectors/reports.py."""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from rumors import permissions
from rumors.models import Person, VerifiedRequester
from rumors.text import clean_text


def _require(moderator: User) -> None:
    if not permissions.can_manage_requesters(moderator):
        raise PermissionDenied(_("Only moderators record verified requesters."))


def _member(name: str) -> User:
    name = clean_text(name or "")
    member = (
        User.objects.filter(Q(username__iexact=name) | Q(email__iexact=name), is_active=True)
        .filter(deleted_at__isnull=True)
        .first()
        if name
        else None
    )
    if member is None:
        raise ValidationError({"member": _("No member has this username or address.")})
    if not EmailAddress.objects.filter(user=member, primary=True, verified=True).exists():
        raise ValidationError(
            {"member": _("This member has not confirmed their email address yet.")}
        )
    return member


def requester_record(
    *, moderator: User, member: str, person: str = "", agency: str = "", note: str = ""
) -> VerifiedRequester:
    """Record `member` (a username or address) as `person` (a Person's slug) or as `agency`:
    one of the two. Their address must be confirmed; it is checked again each time they act
    (VerifiedRequester.objects.standing)."""
    _require(moderator)
    user = _member(member)
    person_slug, agency = clean_text(person or ""), clean_text(agency or "")
    if bool(person_slug) == bool(agency):
        raise ValidationError(_("Name either the person or the agency, not both."))
    row = None
    if person_slug:
        row = Person.objects.filter(slug=person_slug).first()
        if row is None:
            raise ValidationError({"person": _("No person has this address name (slug).")})
    limit = VerifiedRequester._meta.get_field("agency").max_length
    if len(agency) > limit:
        raise ValidationError({"agency": _("At most %(n)s characters.") % {"n": limit}})
    note = clean_text(note or "", max_length=VerifiedRequester.NOTE_MAX_LENGTH, multiline=True)
    try:
        with transaction.atomic():
            return VerifiedRequester.objects.create(
                user=user, person=row, agency=agency, note=note, recorded_by=moderator
            )
    except IntegrityError:
        # The partial unique constraints: a standing record for the same person or agency.
        raise ValidationError(_("This member is already recorded for them.")) from None


@transaction.atomic
def requester_revoke(*, moderator: User, requester_id: int) -> VerifiedRequester:
    """End a record: its member's reports no longer go first and they hold nothing more (holds
    already made stay, for a moderator to lift)."""
    _require(moderator)
    row = VerifiedRequester.objects.select_for_update().filter(pk=requester_id).first()
    if row is None:
        raise ValidationError(_("No such record."))
    if row.is_revoked:
        raise ValidationError(_("This record is revoked already."))
    row.revoked_at, row.revoked_by = timezone.now(), moderator
    row.save(update_fields=["revoked_at", "revoked_by"])
    return row
