"""The admin shows everything but changes no rule-carrying state: status, verdicts, rounds,
evidence review and sensitivity change only through the services (the rumor page, the
moderation queue, the API), so that every change has its timeline event. Pictures are not
uploaded here either: every stored picture is first checked against the never-host bank."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from rumors.models import (
    BankedHash,
    Evidence,
    MatchExemption,
    MediaLink,
    Person,
    ReviewRound,
    Rumor,
    Source,
    TimelineEvent,
    VerdictVote,
    VerifiedRequester,
    Work,
)
from rumors.services.search_index import names_index


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "name_hangul", "agency", "slug")
    search_fields = ("name", "name_hangul", "agency")
    prepopulated_fields = {"slug": ("name",)}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        names_index(entity=obj)


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ("title", "title_korean", "year", "kind")
    list_filter = ("kind",)
    search_fields = ("title", "title_korean")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("cast",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        names_index(entity=obj)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = (
        "normalized_url",
        "fetch_state",
        "attempts",
        "title",
        "is_sensitive",
        "created_at",
    )
    list_filter = ("fetch_state", "is_sensitive")
    search_fields = ("normalized_url", "keys__key", "title", "author")
    readonly_fields = (
        # The link and its keys decide which submissions meet this source: they are set by
        # source_get_or_create only.
        "url",
        "normalized_url",
        "link_keys",
        "created_at",
        "updated_at",
        "fetch_state",
        "attempts",
        "fetched_at",
        "last_checked_at",
        "structured_data",
        "is_sensitive",
        "thumbnail",
        "thumbnail_small",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("keys")

    def has_add_permission(self, request):
        return False  # a source is made by submitting its link, which gives it its key

    @admin.display(description=_("link keys"))
    def link_keys(self, source: Source) -> str:
        return ", ".join(k.key for k in source.keys.all())


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    fields = ("kind", "stance", "url", "status", "submitted_by")
    readonly_fields = ("status", "submitted_by")

    def has_add_permission(self, request, obj=None):
        return False  # evidence is added through evidence_submit, with its event


@admin.register(Rumor)
class RumorAdmin(admin.ModelAdmin):
    list_display = ("title", "status", "verdict", "is_disputed", "is_sensitive", "created_at")
    list_filter = ("status", "verdict", "is_disputed", "is_sensitive")
    search_fields = ("title", "claim")
    filter_horizontal = ("people", "works", "sources")
    raw_id_fields = ("submitted_by",)
    readonly_fields = (
        "status",
        "verdict",
        "verdict_reached_at",
        "is_disputed",
        "review_round",
        "is_sensitive",
        "submitted_by",
        "created_at",
        "updated_at",
        "last_activity_at",
    )
    inlines = [EvidenceInline]

    def has_add_permission(self, request):
        return False  # rumors are submitted through rumor_submit, with their first round


class AppendOnlyAdmin(admin.ModelAdmin):
    """Rounds, votes and timeline events are history: the admin shows them, never edits them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewRound)
class ReviewRoundAdmin(AppendOnlyAdmin):
    list_display = ("rumor", "number", "verdict", "is_disputed", "opened_at", "closed_at")


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("rumor", "kind", "stance", "status", "created_at")
    list_filter = ("kind", "stance", "status")
    raw_id_fields = ("source",)
    readonly_fields = ("rumor", "status", "submitted_by", "reviewed_by", "reviewed_at", "image")

    def has_add_permission(self, request):
        return False  # evidence is added through evidence_submit, with its event


@admin.register(VerdictVote)
class VerdictVoteAdmin(AppendOnlyAdmin):
    list_display = ("rumor", "moderator", "round", "verdict", "updated_at")
    list_filter = ("verdict",)


@admin.register(TimelineEvent)
class TimelineEventAdmin(AppendOnlyAdmin):
    list_display = ("rumor", "kind", "actor", "created_at")
    list_filter = ("kind",)


@admin.register(BankedHash)
class BankedHashAdmin(AppendOnlyAdmin):
    list_display = ("pk", "pdq", "quality", "origin", "added_at")
    list_filter = ("origin",)
    search_fields = ("pdq",)


@admin.register(MatchExemption)
class MatchExemptionAdmin(AppendOnlyAdmin):
    list_display = ("pk", "entry", "pdq", "cleared_by", "created_at")


@admin.register(MediaLink)
class MediaLinkAdmin(AppendOnlyAdmin):
    """Shown only: links are made by matching and decided on the rumor page or the API."""

    list_display = ("pk", "source_a", "source_b", "distance", "state", "decided_by", "decided_at")
    list_filter = ("state",)
    raw_id_fields = ("source_a", "source_b")


@admin.register(VerifiedRequester)
class VerifiedRequesterAdmin(AppendOnlyAdmin):
    """Shown only: moderators record and revoke requesters on /moderation/requesters/."""

    list_display = ("pk", "user", "person", "agency", "recorded_by", "created_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("user__username", "person__name", "agency")
    raw_id_fields = ("user", "person", "recorded_by", "revoked_by")
