from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def mail_goes_somewhere(app_configs, **kwargs):
    """Without EMAIL_URL, mail is written to files under var/mail/: right for `make run`, never
    what a deployment wants (members would get no confirmation or reset mail)."""
    if settings.EMAIL_URL_SET:
        return []
    return [
        Warning(
            "EMAIL_URL is not set: mail is written to files, not sent.",
            hint="Set EMAIL_URL (smtp://, smtp+tls:// or smtp+ssl://) and DEFAULT_FROM_EMAIL.",
            id="mail.W001",
        )
    ]
