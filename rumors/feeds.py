"""Atom feeds of new verdicts, site-wide and per actor. Feeds carry no thumbnails and no links
to the media at all, so neither a sensitive frame nor a debunked fake's (rumors.media) can
leak into a feed reader: every entry leads with its verdict and links to the rumor page."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rumors import selectors
from rumors.text import clean_text
from rumors.verdicts import verdict_info


class VerdictFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Jinjja: new verdicts")
    subtitle = gettext_lazy("Rumors about K-drama actors, settled with evidence.")
    link = "/"

    def items(self):
        return selectors.rumor_verdicts_feed()

    def item_title(self, rumor):
        info = verdict_info(rumor.verdict)
        # Cleaned here too: rows saved before text was cleaned on the way in may hold control
        # characters, which XML cannot carry (one would break the feed for everyone).
        return clean_text(f"{info.label if info else rumor.verdict}: {rumor.title}")

    def item_description(self, rumor):
        info = verdict_info(rumor.verdict)
        meaning = f" ({info.meaning})" if info else ""
        text = _("Claim: %(claim)s") % {"claim": rumor.claim} + meaning
        return clean_text(text, multiline=True)

    def item_link(self, rumor):
        return rumor.get_absolute_url()

    def item_guid(self, rumor):
        # One entry per verdict reached: a reopened rumor's new verdict is a new entry.
        return f"{settings.SITE_URL}{rumor.get_absolute_url()}#verdict-{rumor.review_round}"

    item_guid_is_permalink = False

    def item_pubdate(self, rumor):
        return rumor.verdict_reached_at

    def item_updateddate(self, rumor):
        return rumor.verdict_reached_at


class PersonVerdictFeed(VerdictFeed):
    def get_object(self, request, slug: str):
        return selectors.person_get(slug=slug)

    def title(self, person):
        return clean_text(_("Jinjja: new verdicts about %(name)s") % {"name": str(person)})

    def link(self, person):
        return person.get_absolute_url()

    def items(self, person):
        return selectors.rumor_verdicts_feed(person=person)
