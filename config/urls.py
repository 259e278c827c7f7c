from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from rumors.sitemaps import SITEMAPS
from rumors.views import bench_ceiling, healthz, robots_txt

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/notifications/", include("notifications.urls")),
    path("accounts/", include("accounts.urls")),
    # django-allauth: email addresses, confirmation, password reset. The site's own login,
    # sign-up and logout above come first and answer their paths.
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include("rumors.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("rumors.urls")),
]

if settings.BENCH_CEILING:
    urlpatterns.insert(0, path("bench/ceiling", bench_ceiling, name="bench_ceiling"))


def media(request, path):
    # Thumbnails and evidence images only: the site never stores the clips themselves.
    # MEDIA_ROOT is read per request, not captured when this module is imported.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


if settings.SERVE_MEDIA:
    urlpatterns.append(re_path(r"^media/(?P<path>.*)$", media))
