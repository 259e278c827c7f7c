from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from rumors.api import views
from rumors.api.webhooks import WebhookViewSet

router = SimpleRouter()
router.register("webhooks", WebhookViewSet, basename="webhook")

app_name = "api"

urlpatterns = [
    path("rumors/", views.RumorListView.as_view(), name="rumor-list"),
    path("rumors/<int:pk>/", views.RumorDetailView.as_view(), name="rumor-detail"),
    path("rumors/<int:pk>/evidence/", views.EvidenceSubmitView.as_view(), name="rumor-evidence"),
    path("rumors/<int:pk>/votes/", views.VoteCastView.as_view(), name="rumor-votes"),
    path("rumors/<int:pk>/reject/", views.RumorRejectView.as_view(), name="rumor-reject"),
    path("rumors/<int:pk>/merge/", views.RumorMergeView.as_view(), name="rumor-merge"),
    path("rumors/<int:pk>/sources/", views.ReuploadSubmitView.as_view(), name="rumor-sources"),
    path(
        "rumors/<int:pk>/translation/",
        views.RumorTranslationView.as_view(),
        name="rumor-translation",
    ),
    path("rumors/<int:pk>/timeline/", views.RumorTimelineView.as_view(), name="rumor-timeline"),
    path(
        "rumors/<int:pk>/claimreview/",
        views.ClaimReviewView.as_view(),
        name="rumor-claimreview",
    ),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("reports/", views.ReportCreateView.as_view(), name="report-list"),
    path("reports/<int:pk>/decision/", views.ReportDecisionView.as_view(), name="report-decision"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("people/<slug:slug>/review/", views.PersonReviewView.as_view(), name="person-review"),
    path("works/", views.WorkListView.as_view(), name="work-list"),
    path("works/<slug:slug>/", views.WorkDetailView.as_view(), name="work-detail"),
    path("works/<slug:slug>/review/", views.WorkReviewView.as_view(), name="work-review"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
    path(
        "media-links/<int:pk>/", views.MediaLinkDecisionView.as_view(), name="media-link-decision"
    ),
    path("lookup/", views.LookupView.as_view(), name="lookup"),
    path("references/", views.ReferenceCreateView.as_view(), name="reference-list"),
    path("", include("accounts.api.urls")),
    *router.urls,
    # Anything else under /api/v1/ is a JSON 404, not the site's HTML page.
    re_path(r"^[\s\S]*$", views.not_found, name="not-found"),
]
