"""django-allauth, told to send its mail (confirmations, password resets) through the outbox."""

import uuid

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from mail.services import mail_queue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """As allauth's, but the rendered message becomes an outbox row, sent after commit.
        Each such mail is its own event (a new key): asking twice for a reset sends two."""
        request = allauth_context.request
        base = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, base | context)
        html = next((body for body, kind in message.alternatives if kind == "text/html"), "")
        kind = template_prefix.rsplit("/", 1)[-1]
        mail_queue(
            key=f"account:{kind}:{uuid.uuid4().hex}",
            to=list(message.to),
            subject=message.subject,
            body=message.body,
            html_body=html,
            headers=dict(message.extra_headers),
            from_email=message.from_email,
        )
