from django.apps import AppConfig


class RumorsConfig(AppConfig):
    name = "rumors"
    verbose_name = "Rumors"
