from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.languages import language_switch
from config.media_files import media
from notifications import views as notification_views
from rumors.sitemaps import SITEMAPS
from rumors.views import bench_ceiling, healthz, robots_txt

# Not pages: the same address in every language. The API answers in Accept-Language's.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("rumors.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("language/<slug:code>/", language_switch, name="language_switch"),
    # Mail clients' one-click unsubscribe (RFC 8058) POSTs here, also from mail sent before the
    # language prefixes: a redirect would lose the POST.
    path(
        "accounts/notifications/unsubscribe/<str:token>/",
        notification_views.unsubscribe,
        name="unsubscribe_one_click",
    ),
    path("", include("rumors.urls_syndication")),
]

# Pages: /en/… and /ko/… (config/languages.py). An unprefixed page address redirects to the
# reader's language (LocaleMiddleware).
urlpatterns += i18n_patterns(
    path("accounts/notifications/", include("notifications.urls")),
    path("accounts/", include("accounts.urls")),
    # django-allauth: email addresses, confirmation, password reset. The site's own login,
    # sign-up and logout above come first and answer their paths.
    path("accounts/", include("allauth.urls")),
    path("", include("rumors.urls")),
)

if settings.BENCH_CEILING:
    urlpatterns.insert(0, path("bench/ceiling", bench_ceiling, name="bench_ceiling"))


# Thumbnails and evidence images, through the app's check (config/media_files.py).
if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media))
