"""The site's pages, each under both language prefixes (/en/…, /ko/…: config/urls.py).
Feeds, oEmbed and share-card images, which are not pages, are in urls_syndication.py."""

from django.urls import path

from rumors import views, views_references, views_share, views_webhooks

app_name = "rumors"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("webhooks/", views_webhooks.webhook_list, name="webhooks"),
    path("webhooks/<int:pk>/toggle/", views_webhooks.webhook_toggle, name="webhook_toggle"),
    path("webhooks/<int:pk>/delete/", views_webhooks.webhook_remove, name="webhook_remove"),
    path("submit/", views.submit, name="submit"),
    path("submit/check/", views.submit_check, name="submit_check"),
    path("people/suggest/", views.people_suggest, name="people_suggest"),
    path("rumors/<int:pk>/", views.rumor_detail, name="detail"),
    path("rumors/<int:pk>/embed/", views_share.rumor_embed, name="embed"),
    # Before the slugged detail URL, which would otherwise take these as slugs.
    path("rumors/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "rumors/<int:pk>/evidence/<int:evidence_pk>/accept/",
        views.evidence_review,
        {"decision": "accept"},
        name="evidence_accept",
    ),
    path(
        "rumors/<int:pk>/evidence/<int:evidence_pk>/reject/",
        views.evidence_review,
        {"decision": "reject"},
        name="evidence_reject",
    ),
    path("rumors/<int:pk>/timeline/", views.rumor_timeline, name="timeline"),
    path("rumors/<int:pk>/status.json", views.rumor_status, name="status"),
    path("rumors/<int:pk>/discussion/", views.discuss, name="discuss"),
    path("rumors/<int:pk>/sources/", views.rumor_sources, name="sources"),
    path("rumors/<int:pk>/sources/<int:source_pk>/open/", views.source_open, name="source_open"),
    path(
        "rumors/<int:pk>/sources/<int:source_pk>/fetch-again/",
        views.fetch_again,
        name="source_fetch_again",
    ),
    path("rumors/<int:pk>/vote/", views.vote, name="vote"),
    path("rumors/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("rumors/<int:pk>/reject/", views.reject, name="reject"),
    path("rumors/<int:pk>/hold/", views.hold, name="hold"),
    path("rumors/<int:pk>/release/", views.release, name="release"),
    path("rumors/<int:pk>/redact/", views.redact, name="redact"),
    path("rumors/<int:pk>/translation/", views.translate, name="translate"),
    path("rumors/<int:pk>/merge/", views.merge, name="merge"),
    path(
        "rumors/<int:pk>/media-links/<int:link_pk>/",
        views.media_link_decision,
        name="media_link_decide",
    ),
    path("rumors/<int:pk>/reuploads/", views.reupload_add, name="reupload_add"),
    path("rumors/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("moderation/reports/", views.moderation_reports, name="moderation_reports"),
    path("moderation/requesters/", views.moderation_requesters, name="moderation_requesters"),
    path(
        "moderation/<str:kind>/<slug:slug>/review/",
        views.catalog_review_decide,
        name="catalog_review",
    ),
    path("moderation/reports/media/<path:path>", views.held_media, name="held_media"),
    path(
        "moderation/references/",
        views_references.moderation_references,
        name="moderation_references",
    ),
    path(
        "moderation/references/<int:pk>/clear/",
        views_references.reference_clear_view,
        name="reference_clear",
    ),
    path("about/", views.about, name="about"),
    path("transparency/", views.transparency, name="transparency"),
    path("report/", views.report, name="report"),
    path("report/sent/", views.report_sent, name="report_sent"),
    path("rumors/sensitive/<int:pk>/", views.rumor_mark_sensitive, name="mark_sensitive"),
    path("rumors/<int:pk>/<str:slug>/", views.rumor_detail, name="detail_slug"),
    path("people/", views.people_index, name="people"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("works/", views.works_index, name="works"),
    path("works/<slug:slug>/", views.work_detail, name="work"),
]
