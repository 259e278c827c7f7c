"""Moderators deliberate: a discussion thread on each rumor that only moderators see.

Messages are Markdown (rendered like evidence notes, rumors/markup.py); `@username` names a
moderator, who is told by mail (recorded with the message, sent by the outbox). The public
sees the moderators' rationales once the round has its verdict, as before; the thread stays
among moderators.
"""

import re

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from mail.services import mail_queue
from rumors import permissions
from rumors.models import ModeratorComment, Rumor
from rumors.services.rumors import required_text

MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_.+-]{1,150})")


def mentioned_moderators(body: str, *, author: User) -> list[User]:
    """The moderators a message names as @username (case-insensitive), its author aside."""
    names = {name.rstrip(".").casefold() for name in MENTION.findall(body)}
    if not names:
        return []
    moderators = User.objects.moderators().exclude(pk=author.pk)
    return [user for user in moderators if user.username.casefold() in names]


def discussion_post(*, moderator: User, rumor: Rumor, body: str) -> ModeratorComment:
    if not permissions.can_discuss(moderator, rumor):
        raise PermissionDenied(_("Only moderators take part in the discussion."))
    body = required_text(
        body,
        field="body",
        limit=ModeratorComment.BODY_MAX_LENGTH,
        missing=_("Write something to post."),
    )
    with transaction.atomic():
        comment = ModeratorComment.objects.create(rumor=rumor, author=moderator, body=body)
        mentioned = mentioned_moderators(body, author=moderator)
        comment.mentions.set(mentioned)
        for user in mentioned:
            _tell_mentioned(comment, user)
    return comment


def _tell_mentioned(comment: ModeratorComment, user: User) -> None:
    """A mail to a mentioned moderator in their language, recorded with the message (the
    outbox sends it)."""
    if not user.email:
        return
    who, rumor = comment.author.public_name, comment.rumor
    with translation.override(user.language):
        _queue_mention_mail(comment, user, who=who, rumor=rumor)


def _queue_mention_mail(comment: ModeratorComment, user: User, *, who: str, rumor: Rumor) -> None:
    mail_queue(
        key=f"mention:{comment.pk}:{user.pk}",
        to=[user.email],
        subject=_("Jinjja: %(who)s mentioned you") % {"who": who},
        body=_(
            "%(who)s mentioned you in the moderators' discussion of “%(title)s”:\n\n"
            "%(body)s\n\n%(link)s"
        )
        % {
            "who": who,
            "title": rumor.title,
            "body": comment.body,
            "link": f"{settings.SITE_URL}{rumor.get_absolute_url()}#discussion",
        },
    )
