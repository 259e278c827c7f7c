"""/sitemap.xml through Django's sitemaps framework: visible rumors, people and works, each with
its last change. The rows come from rumors/selectors/indexes.py, which applies the visibility
rule: rejected, held and media-withheld rumors never appear."""

from django.contrib.sitemaps import Sitemap

from rumors.selectors import indexes


class RumorSitemap(Sitemap):
    changefreq = "daily"
    limit = 10_000

    def items(self):
        return indexes.sitemap_rumors()

    def lastmod(self, rumor):
        return rumor.last_activity_at


class _CatalogSitemap(Sitemap):
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
