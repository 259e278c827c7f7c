"""EMAIL_URL and DEFAULT_FROM_EMAIL from the environment; without EMAIL_URL, files in var/mail/."""

import json
import os
import subprocess
import sys

from config.testsupport import BASE_DIR, production_env

PRINT = (
    "import json; from django.conf import settings as s; print(json.dumps({k: str(getattr(s, k, "
    "None)) for k in ['EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', "
    "'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'EMAIL_FILE_PATH', "
    "'DEFAULT_FROM_EMAIL']}))"
)


def mail_settings(**env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_URL")}
    full_env.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PRINT],
        cwd=BASE_DIR, env=full_env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_email_url_mail_goes_to_files_under_var(tmp_path):
    found = mail_settings(VAR_DIR=str(tmp_path))
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert found["EMAIL_FILE_PATH"] == str(tmp_path / "mail")


def test_smtp_with_starttls_from_email_url():
    found = mail_settings(
        EMAIL_URL="smtp+tls://mailer:s%40cret@mail.example:587",
        DEFAULT_FROM_EMAIL="Jinjja <noreply@jinjja.example>",
    )
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"]) == ("mail.example", "587")
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("mailer", "s@cret")
    assert (found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == ("True", "False")
    assert found["DEFAULT_FROM_EMAIL"] == "Jinjja <noreply@jinjja.example>"


def test_smtp_with_implicit_tls_from_a_file(tmp_path):
    secret = tmp_path / "email_url"
    secret.write_text("smtp+ssl://mailer:pw@mail.example:465\n")
    found = mail_settings(EMAIL_URL_FILE=str(secret))
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"]) == ("mail.example", "465")
    assert (found["EMAIL_USE_TLS"], found["EMAIL_USE_SSL"]) == ("False", "True")


def test_deploy_check_warns_when_production_sends_no_mail():
    env = {k: v for k, v in production_env().items() if k != "EMAIL_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "mail.W001" in result.stdout + result.stderr
