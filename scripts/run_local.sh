#!/usr/bin/env bash
# Serves the site at http://127.0.0.1:8000 with a Celery worker (and its beat schedule) beside
# it, as production runs them; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
.venv/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2 \
  --schedule var/celerybeat-schedule &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
.venv/bin/python manage.py runserver 127.0.0.1:8000
