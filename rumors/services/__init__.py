"""Writes. Every change to rumors goes through these functions, whoever asks for it (web views,
the API, Celery tasks, management commands): one module per kind of work."""
