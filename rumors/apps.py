from django.apps import AppConfig


class RumorsConfig(AppConfig):
    name = "rumors"
    verbose_name = "Rumors"

    def ready(self):
        from rumors import textsearch
        from rumors.selectors.search import dictionary_names

        # Read when the analyser first loads (once per process), not at start-up.
        textsearch.analyser.words_source = dictionary_names
