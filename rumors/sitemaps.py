"""/sitemap.xml through Django's sitemaps framework: visible rumors, people and works, each with
its last change. The rows come from rumors/selectors/indexes.py, which applies the visibility
rule: rejected, held and media-withheld rumors never appear. Each page is listed under both
language prefixes, with its hreflang alternates and the unprefixed x-default."""

from django.contrib.sitemaps import Sitemap

from rumors.selectors import indexes


class _BothLanguages(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class RumorSitemap(_BothLanguages):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return indexes.sitemap_rumors()

    def lastmod(self, rumor):
        return rumor.last_activity_at


class _CatalogSitemap(_BothLanguages):
    changefreq = "weekly"

    def lastmod(self, item):
        return item.last_changed


class PersonSitemap(_CatalogSitemap):
    def items(self):
        return indexes.sitemap_people()


class WorkSitemap(_CatalogSitemap):
    def items(self):
        return indexes.sitemap_works()


SITEMAPS = {"rumors": RumorSitemap, "people": PersonSitemap, "works": WorkSitemap}
