"""What other programs fetch rather than readers' browsers: feeds, oEmbed and the share-card
images. Their addresses carry no language prefix (a card's name says its language; feeds
follow Accept-Language), so links shared or subscribed to before the prefixes keep working."""

from django.urls import path

from rumors import feeds, views_share

app_name = "syndication"

urlpatterns = [
    path("feeds/verdicts/", feeds.VerdictFeed(), name="feed"),
    path("people/<slug:slug>/feed/", feeds.PersonVerdictFeed(), name="person_feed"),
    path("oembed/", views_share.oembed, name="oembed"),
    path(
        "rumors/<int:pk>/card/<slug:version>.<slug:lang>.png", views_share.rumor_card, name="card"
    ),
    path("cards/<slug:page>.<slug:lang>.png", views_share.page_card, name="page_card"),
    path("people/<slug:slug>/card.<slug:lang>.png", views_share.person_card, name="person_card"),
    path("works/<slug:slug>/card.<slug:lang>.png", views_share.work_card, name="work_card"),
]
