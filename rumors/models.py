from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from rumors.verdicts import Verdict


class Person(models.Model):
    """An actor (or another public figure) that rumors are about."""

    name = models.CharField(_("name (romanized)"), max_length=120)
    name_hangul = models.CharField(_("name (Hangul)"), max_length=60, blank=True)
    slug = models.SlugField(max_length=140, unique=True)
    agency = models.CharField(_("agency"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name", "id"])]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.name} ({self.name_hangul})" if self.name_hangul else self.name

    def get_absolute_url(self) -> str:
        return reverse("rumors:person", args=[self.slug])


class Work(models.Model):
    """A drama, film or show."""

    class Kind(models.TextChoices):
        DRAMA = "drama", _("Drama")
        FILM = "film", _("Film")
        VARIETY = "variety", _("Variety show")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    title_korean = models.CharField(_("Korean title"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DRAMA)
    slug = models.SlugField(max_length=220, unique=True)
    cast = models.ManyToManyField(Person, related_name="works", blank=True, verbose_name=_("cast"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["-year", "title", "id"])]
        verbose_name = _("work")
        verbose_name_plural = _("works")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title

    def get_absolute_url(self) -> str:
        return reverse("rumors:work", args=[self.slug])


class Source(models.Model):
    """A link as Jinjja keeps it: the submitted URL and what a fetch found there.

    The database is the source of truth for fetching: a source stays `pending` until a fetch
    records its result; the broker only carries the id.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be fetched")
        FETCHED = "fetched", _("Fetched")
        FAILED = "failed", _("Fetch failed")
        REFUSED = "refused", _("Refused")
        GONE = "gone", _("Gone from the web")

    url = models.URLField(_("URL as submitted"), max_length=2000)
    normalized_url = models.CharField(max_length=2000, unique=True)

    fetch_state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # Fetches in a row that ended without recording anything (a worker killed, a hard time
    # limit): FETCH_MAX_UNFINISHED of them fail the source instead of trying it again.
    unfinished_fetches = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    fetch_started_at = models.DateTimeField(null=True, blank=True)
    # When a fetch message last reached the broker, and when the next try is due: the sweep
    # reads both to queue only sources that no message will bring to a worker.
    queued_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    last_checked_at = models.DateTimeField(null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)

    title = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    site_name = models.CharField(max_length=200, blank=True)
    canonical_url = models.URLField(max_length=2000, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    image_url = models.URLField(max_length=2000, blank=True)
    video_url = models.URLField(max_length=2000, blank=True)
    duration = models.DurationField(null=True, blank=True)
    language = models.CharField(max_length=35, blank=True)
    structured_data = models.JSONField(default=dict, blank=True)

    thumbnail = models.ImageField(upload_to="thumbs/", blank=True)
    thumbnail_small = models.ImageField(upload_to="thumbs/", blank=True)
    image_hash = models.CharField(max_length=16, blank=True, db_index=True)
    similar = models.ManyToManyField("self", symmetrical=True, blank=True)

    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Thumbnails stay blurred behind a warning and never appear in lists."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["fetch_state", "fetch_started_at"])]

    def __str__(self) -> str:
        return self.title or self.url

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def display_title(self) -> str:
        return self.title or self.normalized_url


class Rumor(models.Model):
    """A claim about actors or dramas, submitted by a member, settled by moderators."""

    # How many people and works one submission may name (forms and serializers read these).
    MAX_PEOPLE = 20
    MAX_WORKS = 10

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        UNDER_REVIEW = "under_review", _("Under review")
        RESOLVED = "resolved", _("Resolved")
        REJECTED = "rejected", _("Rejected")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, allow_unicode=True, blank=True)
    claim = models.TextField(_("claim"))
    people = models.ManyToManyField(
        Person, related_name="rumors", blank=True, verbose_name=_("actors")
    )
    works = models.ManyToManyField(
        Work, related_name="rumors", blank=True, verbose_name=_("dramas and films")
    )
    sources = models.ManyToManyField(Source, related_name="rumors", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="submitted_rumors",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    # The current round's verdict, kept on the row for filtering; each round's own outcome
    # stays on its ReviewRound.
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    verdict_reached_at = models.DateTimeField(null=True, blank=True)
    is_disputed = models.BooleanField(default=False)
    review_round = models.PositiveIntegerField(default=1)
    is_sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("All of this rumor's thumbnails stay blurred behind a warning."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["-created_at", "-id"]),
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["verdict", "-verdict_reached_at"]),
            models.Index(fields=["-last_activity_at"]),
            # The API's verdict filter with its default order, and its verdict date ordering.
            models.Index(fields=["verdict", "-created_at", "-id"]),
            models.Index(fields=["-verdict_reached_at", "-id"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.slug:
            return reverse("rumors:detail_slug", args=[self.pk, self.slug])
        return reverse("rumors:detail", args=[self.pk])

    @property
    def card_source(self):
        """The first source, whose thumbnail a rumor card shows (prefetched by the lists)."""
        prefetched = getattr(self, "card_sources", None)
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        return self.sources.order_by("id").first()

    # Pages under /rumors/<id>/ that a slug must not shadow.
    RESERVED_SLUGS = frozenset({"evidence", "vote", "reopen", "timeline", "sources"})

    @staticmethod
    def make_slug(title: str) -> str:
        slug = slugify(title, allow_unicode=True)[:80].strip("-")
        return f"{slug}-rumor" if slug in Rumor.RESERVED_SLUGS else slug


class ReviewRound(models.Model):
    """One round of moderator review. Reopening a rumor starts a new round; old ones remain."""

    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    reopen_reason = models.TextField(blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    is_disputed = models.BooleanField(default=False)

    class Meta:
        ordering = ["rumor", "number"]
        constraints = [
            models.UniqueConstraint(fields=["rumor", "number"], name="round_unique_per_rumor"),
        ]

    def __str__(self) -> str:
        return f"{self.rumor_id} round {self.number}"


class Evidence(models.Model):
    """Something that bears on a rumor: original footage, a statement, an analysis..."""

    class Kind(models.TextChoices):
        ORIGINAL_FOOTAGE = "original_footage", _("Original footage")
        OFFICIAL_STATEMENT = "official_statement", _("Official statement")
        NEWS_REPORT = "news_report", _("News report")
        FORENSIC_ANALYSIS = "forensic_analysis", _("Forensic analysis")
        ARCHIVED_COPY = "archived_copy", _("Archived copy")
        COMPARISON = "comparison", _("Side-by-side comparison")
        OTHER = "other", _("Other")

    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("Supports the claim")
        REFUTES = "refutes", _("Refutes the claim")
        CONTEXT = "context", _("Adds context")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    url = models.URLField(_("link"), max_length=2000, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence"
    )
    image = models.ImageField(_("image"), upload_to="evidence/", blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("Simple Markdown is allowed."))
    timestamps = models.CharField(
        _("matching timestamps"),
        max_length=300,
        blank=True,
        help_text=_("For original footage: where the two clips match, e.g. 0:42-0:55 = 1:10."),
    )
    statement_date = models.DateField(_("statement date"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = _("evidence")
        indexes = [models.Index(fields=["rumor", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on rumor {self.rumor_id}"


class VerdictVote(models.Model):
    """A moderator's vote in one review round. Never deleted through the site."""

    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="votes")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="votes"
    )
    round = models.PositiveIntegerField()
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    rationale = models.CharField(_("rationale"), max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rumor", "moderator", "round"], name="one_vote_per_moderator_per_round"
            ),
        ]
        indexes = [models.Index(fields=["rumor", "round"])]

    def __str__(self) -> str:
        return f"{self.moderator} voted {self.verdict} on rumor {self.rumor_id}"


class TimelineEvent(models.Model):
    """An append-only record of what happened to a rumor. Rows are never updated or deleted."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SOURCE_FETCHED = "source_fetched", _("Source fetched")
        SOURCE_FAILED = "source_failed", _("Source could not be fetched")
        SOURCE_GONE = "source_gone", _("Source went offline")
        EVIDENCE_PROPOSED = "evidence_proposed", _("Evidence proposed")
        EVIDENCE_ADDED = "evidence_added", _("Evidence added")
        VOTE_CAST = "vote_cast", _("Vote cast")
        VOTE_CHANGED = "vote_changed", _("Vote changed")
        VERDICT_REACHED = "verdict_reached", _("Verdict reached")
        DISPUTED = "disputed", _("Disputed")
        REOPENED = "reopened", _("Reopened")
        EDITED = "edited", _("Edited")

    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    evidence = models.ForeignKey(
        Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["rumor", "created_at", "id"]),
            models.Index(fields=["-created_at", "-id"]),
            models.Index(fields=["kind", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on rumor {self.rumor_id} at {self.created_at:%Y-%m-%d %H:%M}"
