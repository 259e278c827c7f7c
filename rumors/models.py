from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from rumors.fetchers.linkkeys import LINK_KEY_MAX_LENGTH
from rumors.verdicts import Verdict


def in_reader_language(english: str, korean: str, language: str | None) -> tuple[str, str]:
    """(first, second): the Korean first in the Korean interface, the English first
    elsewhere; a side that is missing gives way to the other (second is then empty)."""
    first, second = (korean, english) if (language or "").startswith("ko") else (english, korean)
    return (first, second) if first else (second, "")


class CatalogStatus(models.TextChoices):
    """Where a person or work stands: added by a moderator (or a seed) or approved, a member's
    proposal waiting for a moderator, or a proposal a moderator rejected."""

    APPROVED = "approved", _("Approved")
    PROPOSED = "proposed", _("Proposed by a member")
    REJECTED = "rejected", _("Rejected")


class CatalogQuerySet(models.QuerySet):
    """Which people and works readers find. `listed` is the one place that rule is written:
    lists, search, cards, indexes, sitemaps, the submit form's choices and the API's lists all
    read people and works through it. A member's proposal is usable at once on their own
    rumor (its page names it, unlinked), and listed only once a moderator approves it."""

    def listed(self) -> "CatalogQuerySet":
        return self.filter(status=CatalogStatus.APPROVED)

    def proposed(self) -> "CatalogQuerySet":
        return self.filter(status=CatalogStatus.PROPOSED)


class CatalogEntry(models.Model):
    """What Person and Work share: their standing, and who proposed them."""

    status = models.CharField(
        max_length=10,
        choices=CatalogStatus.choices,
        default=CatalogStatus.APPROVED,
        editable=False,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = CatalogQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_listed(self) -> bool:
        """CatalogQuerySet.listed, for one row."""
        return self.status == CatalogStatus.APPROVED


class Person(CatalogEntry):
    """An actor (or another public figure) that rumors are about."""

    name = models.CharField(_("name (romanized)"), max_length=120)
    name_hangul = models.CharField(_("name (Hangul)"), max_length=60, blank=True)
    slug = models.SlugField(max_length=140, unique=True)
    agency = models.CharField(_("agency"), max_length=120, blank=True)
    aliases = models.TextField(
        _("aliases"), blank=True, help_text=_("Other names and nicknames, one a line.")
    )
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

    def names_in(self, language: str | None) -> tuple[str, str]:
        """The name to show first and the one beside it, in the reader's language."""
        return in_reader_language(self.name, self.name_hangul, language)

    @property
    def all_names(self) -> list[str]:
        """Every name search finds the person by."""
        return [self.name, self.name_hangul, *self.aliases.splitlines()]


class Work(CatalogEntry):
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
    aliases = models.TextField(
        _("aliases"), blank=True, help_text=_("Other titles and nicknames, one a line.")
    )
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

    def names_in(self, language: str | None) -> tuple[str, str]:
        """The title to show first and the one beside it, in the reader's language."""
        return in_reader_language(self.title, self.title_korean, language)

    @property
    def all_names(self) -> list[str]:
        """Every title search finds the work by."""
        return [self.title, self.title_korean, *self.aliases.splitlines()]


class MediaState(models.Model):
    """What Source and Evidence share about their pictures: whether they are withheld after a
    report (rumors/media.py reads it), and the PDQ hash of the picture (rumors/matching.py),
    kept even when the picture itself is not: after a never-host match, or once removed."""

    # Set by a report (services/reports.py) until a moderator dismisses it: the link, its
    # pictures and their files are then withheld everywhere (rumors/media.py).
    media_hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    pdq = models.CharField(max_length=64, blank=True, editable=False)
    pdq_quality = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # Set when the picture matched the never-host bank (services/bank.py): it was never
    # stored, and a bank-match report waits for a moderator.
    media_blocked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # What the picture's own metadata said before it was re-encoded (C2PA, XMP, EXIF): a
    # fetchers.provenance.Finding as a dict; empty when no picture was read.
    provenance = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_media_hidden(self) -> bool:
        """Withheld after a report: ask rumors.media, which reads this."""
        return self.media_hidden_at is not None

    @property
    def is_media_blocked(self) -> bool:
        return self.media_blocked_at is not None

    @property
    def media_hash(self):
        """The picture's PDQ hash (a matching.MediaHash), or None if none was taken."""
        from rumors.matching import MediaHash

        if not self.pdq or self.pdq_quality is None:
            return None
        return MediaHash(pdq=self.pdq, quality=self.pdq_quality)


class Source(MediaState):
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
    # The account's handle without its "@", kept apart from the display name in `author`.
    author_handle = models.CharField(max_length=100, blank=True)
    # The platform the post lives on (YouTube, X, Naver...); `site_name` is its publisher.
    platform = models.CharField(max_length=40, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    image_url = models.URLField(max_length=2000, blank=True)
    video_url = models.URLField(max_length=2000, blank=True)
    duration = models.DurationField(null=True, blank=True)
    language = models.CharField(max_length=35, blank=True)
    structured_data = models.JSONField(default=dict, blank=True)

    thumbnail = models.ImageField(upload_to="thumbs/", blank=True)
    thumbnail_small = models.ImageField(upload_to="thumbs/", blank=True)

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

    @property
    def display_author(self) -> str:
        """Who posted it: "Name (@handle)", or whichever of the two the page gave."""
        handle = f"@{self.author_handle}" if self.author_handle else ""
        if not self.author or self.author.lstrip("@") == self.author_handle:
            return handle or self.author
        return f"{self.author} ({handle})" if handle else self.author

    @property
    def display_outlet(self) -> str:
        """The publisher and the platform, the platform left out when the name already says it
        ("X (formerly Twitter)" on X; a news site off any platform)."""
        if not self.platform or self.platform.lower() in self.site_name.lower():
            return self.site_name or self.platform
        return f"{self.site_name} · {self.platform}" if self.site_name else self.platform

    def media_files(self) -> list[str]:
        """The names of the stored files of this link, relative to MEDIA_ROOT."""
        return [f.name for f in (self.thumbnail, self.thumbnail_small) if f]


class SourceKey(models.Model):
    """A key a source is found under (rumors/fetchers/linkkeys.py `link_key`): today the key
    of the link as submitted; a source may have more (the fetched final URL's, a later step).
    A key names one source, so the same clip under another address meets its first copy."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=LINK_KEY_MAX_LENGTH, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key


class MediaLinkQuerySet(models.QuerySet):
    def of_source(self, source_id: int) -> "MediaLinkQuerySet":
        return self.filter(Q(source_a_id=source_id) | Q(source_b_id=source_id))

    def visible_to(self, user) -> "MediaLinkQuerySet":
        """The links this user may see: moderators every link whose two sources belong to
        rumors they may see; everyone else only the standing ones (automatic or confirmed),
        between two links neither of which is withheld after a report, each on a rumor this
        user may see (a rejected, held or merged rumor is never named through a link)."""
        from rumors.permissions import is_moderator

        on_rumors = Rumor.sources.through.objects.filter(
            rumor__in=Rumor.objects.visible_to(user)
        ).values("source_id")
        links = self.filter(source_a__in=on_rumors, source_b__in=on_rumors)
        if is_moderator(user):
            return links
        return links.filter(
            state__in=MediaLink.SHOWN_STATES,
            source_a__media_hidden_at__isnull=True,
            source_b__media_hidden_at__isnull=True,
        )


class MediaLink(models.Model):
    """Two links whose pictures match by PDQ (rumors/matching.py): within MEDIA_MATCH_SAME_BITS
    linked automatically as similar media, within MEDIA_MATCH_LIKELY_BITS suggested to
    moderators, who confirm or split either (services/media_links.py). A link relates two
    rumors; it never merges them. The pair is stored once, lower source id first."""

    class State(models.TextChoices):
        # The codes are stable: the API returns them.
        AUTO = "auto", _("Linked automatically")
        SUGGESTED = "suggested", _("Suggested to moderators")
        CONFIRMED = "confirmed", _("Confirmed by a moderator")
        SPLIT = "split", _("Split by a moderator")

    # Shown to everyone (the others to moderators only).
    SHOWN_STATES = (State.AUTO, State.CONFIRMED)
    # A moderator's decision: matching never changes these again (a split pair is never
    # linked again automatically).
    DECIDED_STATES = (State.CONFIRMED, State.SPLIT)
    # What a moderator may decide (the API's `decision`), and the state each leaves.
    DECISIONS = {"confirm": State.CONFIRMED, "split": State.SPLIT}

    source_a = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    source_b = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="+")
    distance = models.PositiveSmallIntegerField(_("distance in bits"))
    state = models.CharField(max_length=10, choices=State.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MediaLinkQuerySet.as_manager()

    class Meta:
        ordering = ["distance", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source_a", "source_b"], name="media_link_once"),
            models.CheckConstraint(
                condition=Q(source_a__lt=models.F("source_b")), name="media_link_lower_id_first"
            ),
        ]
        # source_a is served by the unique constraint; the other end needs its own.
        indexes = [models.Index(fields=["source_b"], name="media_link_source_b")]

    def __str__(self) -> str:
        return f"Media link {self.source_a_id}–{self.source_b_id} ({self.distance} bits)"

    def other_id(self, source_id: int) -> int:
        return self.source_b_id if source_id == self.source_a_id else self.source_a_id

    @property
    def is_shown(self) -> bool:
        return self.state in self.SHOWN_STATES


def _visible_q(user, *, public: Q, prefix: str) -> Q:
    """The `public` rows, and those this user may see anyway: moderators every row (an empty
    Q, which filters nothing), a member the ones they submitted. `prefix` reaches the rows
    through a relation."""
    from rumors.permissions import is_moderator

    if is_moderator(user):
        return Q()
    shown = public
    if user.is_authenticated:
        shown |= Q(**{f"{prefix}submitted_by": user})
    return shown


class RumorQuerySet(models.QuerySet):
    """Which rumors a reader may see. `Rumor.visible_q` and `permissions.can_view_rumor` (the
    same question asked of one row) are the only places that rule is written: every page,
    feed, API answer, search, sitemap and panel reads rumors through them."""

    def public(self) -> "RumorQuerySet":
        """What everyone may see: the lists, feeds, search, similar media and the API lists."""
        return self.filter(Rumor.public_q())

    def visible_to(self, user) -> "RumorQuerySet":
        """Public rumors, and the hidden ones this user may still open."""
        return self.filter(Rumor.visible_q(user))


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
        # Merged into another rumor (merged_into), which now holds its links and evidence.
        MERGED = "merged", _("Merged")

    # Hidden from everyone but moderators and the submitter (see RumorQuerySet). A rumor is
    # also hidden while a hold lasts (held_until in the future): see public_q. A merged rumor's
    # pages send everyone to the rumor it was merged into.
    HIDDEN_STATUSES = (Status.REJECTED, Status.MERGED)
    # The current round takes votes while the rumor is in one of these.
    OPEN_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW)

    # Limits that the services check and the forms and serializers read.
    TITLE_MAX_LENGTH = 200
    CLAIM_MAX_LENGTH = 5000
    REJECT_REASON_MAX_LENGTH = 1000
    HOLD_REASON_MAX_LENGTH = 1000
    # The languages a moderator may add a rumor's text in (services/translation.py).
    TRANSLATION_LANGUAGES = {"ko": _("Korean"), "en": _("English")}

    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(max_length=80, allow_unicode=True, blank=True)
    claim = models.TextField(_("claim"))
    # The same in Korean, beside the English (or the other way round): pages and the API show
    # the reader's language first.
    title_ko = models.CharField(_("Korean title"), max_length=TITLE_MAX_LENGTH, blank=True)
    claim_ko = models.TextField(_("Korean claim"), blank=True)
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
    # Some of its media is withheld after a report (kept by services/reports.py): its pages
    # then ask search engines not to index them.
    has_hidden_media = models.BooleanField(default=False, editable=False)
    # A moderator's temporary measure after a defamation or privacy report (services
    # rumor_hold / rumor_release): hidden from the public, its pages answering 451, until
    # then. An expired hold ends by itself: public_q compares it with the time of the query.
    held_until = models.DateTimeField(null=True, blank=True, editable=False)
    held_reason = models.TextField(blank=True, editable=False)
    # When it was first held: holds, however many, end HOLD_MAX_DAYS days after this, so that a
    # temporary measure cannot be renewed past the legal limit by lifting and holding again.
    first_held_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set by rumor_merge: the rumor that took this one's links and evidence.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_rumors",
    )
    # The text as submitted, kept for moderators once a moderator redacts it (rumor_redact).
    original_title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True, editable=False)
    original_claim = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    last_activity_at = models.DateTimeField(default=timezone.now)

    objects = RumorQuerySet.as_manager()

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

    def text_in(self, language: str | None) -> tuple[str, str]:
        """The title and claim in the reader's language when the rumor has them in it."""
        title, _other = in_reader_language(self.title, self.title_ko, language)
        claim, _other = in_reader_language(self.claim, self.claim_ko, language)
        return title, claim

    @staticmethod
    def public_q(*, prefix: str = "") -> Q:
        """The rumors everyone may see, as a filter (through a relation with `prefix`);
        `is_public` asks it of one row. Not rejected, and not held: a hold whose date has
        passed no longer counts, so it lifts itself with no job."""
        not_held = Q(**{f"{prefix}held_until__isnull": True}) | Q(
            **{f"{prefix}held_until__lte": timezone.now()}
        )
        return ~Q(**{f"{prefix}status__in": Rumor.HIDDEN_STATUSES}) & not_held

    @staticmethod
    def visible_q(user, *, prefix: str = "") -> Q:
        """The rumors this user may see, as a filter (through a relation with `prefix`). A
        merged rumor is in nobody's lists: its pages send everyone, moderators and its
        submitter too, to the rumor it was merged into."""
        merged = Q(**{f"{prefix}status": Rumor.Status.MERGED})
        return _visible_q(user, public=Rumor.public_q(prefix=prefix), prefix=prefix) & ~merged

    @classmethod
    def public_status_choices(cls) -> list[tuple[str, str]]:
        """The statuses a reader may filter public lists by."""
        return [(v, label) for v, label in cls.Status.choices if v not in cls.HIDDEN_STATUSES]

    @property
    def is_public(self) -> bool:
        """Whether everyone may see the rumor (RumorQuerySet.public, for one row)."""
        return self.status not in self.HIDDEN_STATUSES and not self.is_held

    @property
    def is_held(self) -> bool:
        """Whether a moderator's hold is in force (its pages answer 451 to the public)."""
        return self.held_until is not None and self.held_until > timezone.now()

    @property
    def is_rejected(self) -> bool:
        return self.status == self.Status.REJECTED

    @property
    def is_merged(self) -> bool:
        return self.status == self.Status.MERGED

    @property
    def appeal_grounds(self) -> str:
        """What its submitter may appeal against ("" for nothing): the rumor rejected, held,
        or some of its media withheld after a report."""
        if self.is_rejected:
            return Appeal.Grounds.REJECTED
        if self.is_held:
            return Appeal.Grounds.HELD
        if self.has_hidden_media:
            return Appeal.Grounds.MEDIA_HIDDEN
        return ""

    @property
    def is_redacted(self) -> bool:
        return bool(self.original_title or self.original_claim)

    @property
    def is_open(self) -> bool:
        """Whether the current round takes votes: no verdict yet, not rejected."""
        return self.status in self.OPEN_STATUSES

    def round_has_verdict(self, number: int) -> bool:
        """Whether review round `number` closed with a verdict. Only a resolved rumor is
        reopened, so every round before the current one has its verdict."""
        return number < self.review_round or (
            number == self.review_round and self.status == self.Status.RESOLVED
        )

    @property
    def card_source(self):
        """The first source, whose thumbnail a rumor card shows (prefetched by the lists)."""
        prefetched = getattr(self, "card_sources", None)
        if prefetched is not None:
            return prefetched[0] if prefetched else None
        return self.sources.order_by("id").first()

    # Pages under /rumors/<id>/ that a slug must not shadow.
    RESERVED_SLUGS = frozenset(
        {"evidence", "vote", "reopen", "reject", "timeline", "sources", "hold", "release"}
        | {"redact", "appeal"}
    )

    @staticmethod
    def make_slug(title: str) -> str:
        slug = slugify(title, allow_unicode=True)[:80].strip("-")
        return f"{slug}-rumor" if slug in Rumor.RESERVED_SLUGS else slug


class ReviewRound(models.Model):
    """One round of moderator review. Reopening a rumor starts a new round; old ones remain."""

    REOPEN_REASON_MAX_LENGTH = 1000

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


class EvidenceQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EvidenceQuerySet":
        return self.filter(Evidence.visible_q(user))


class Evidence(MediaState):
    """Something that bears on a rumor: original footage, a statement, an analysis..."""

    NOTE_MAX_LENGTH = 5000
    TIMESTAMPS_MAX_LENGTH = 300

    class Kind(models.TextChoices):
        ORIGINAL_FOOTAGE = "original_footage", _("Original footage")
        OFFICIAL_STATEMENT = "official_statement", _("Official statement")
        NEWS_REPORT = "news_report", _("News report")
        FORENSIC_ANALYSIS = "forensic_analysis", _("Forensic analysis")
        ARCHIVED_COPY = "archived_copy", _("Archived copy")
        COMPARISON = "comparison", _("Side-by-side comparison")
        # Another link to the same clip: once accepted, it is one of the rumor's own links.
        REUPLOAD = "reupload", _("Re-upload of the same clip")
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
        max_length=TIMESTAMPS_MAX_LENGTH,
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

    class Suggestion(models.TextChoices):
        # A picture of `matched_source`, one of the rumor's links, lies `match_bits` from a
        # frame of `reference` (services/references.py).
        REFERENCE = "reference", _("Matches reference footage")
        # The picture of `matched_source` says it was made by a generator (services/provenance.py).
        PROVENANCE = "provenance", _("Its metadata says it was generated")

    # Suggested by the site itself (no `submitted_by`): why.
    suggestion = models.CharField(max_length=12, choices=Suggestion.choices, blank=True)
    reference = models.ForeignKey(
        "Reference", on_delete=models.SET_NULL, null=True, blank=True, related_name="suggestions"
    )
    matched_source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    match_bits = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = _("evidence")
        indexes = [models.Index(fields=["rumor", "status"])]
        constraints = [
            # One suggestion of a reference a rumor, however many of its links match.
            models.UniqueConstraint(
                fields=["rumor", "reference"],
                condition=Q(reference__isnull=False),
                name="one_suggestion_per_reference",
            ),
            models.UniqueConstraint(
                fields=["rumor", "matched_source"],
                condition=Q(suggestion="provenance"),
                name="one_provenance_suggestion_per_link",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on rumor {self.rumor_id}"

    @property
    def is_suggested_by_site(self) -> bool:
        return bool(self.suggestion)

    @property
    def is_reference_match(self) -> bool:
        return self.suggestion == self.Suggestion.REFERENCE

    # What the evidence forms offer: a re-upload is added through its own form
    # (services reupload_submit), which checks the link against the rumor's own.
    @classmethod
    def proposable_kinds(cls) -> list[tuple[str, str]]:
        return [(v, label) for v, label in cls.Kind.choices if v != cls.Kind.REUPLOAD]

    @staticmethod
    def visible_q(user, *, prefix: str = "") -> Q:
        """Accepted evidence for everyone; a proposal, and a rejected one, only for moderators
        and its proposer, with everything fetched for it (`permissions.can_view_evidence` for
        one row)."""
        public = Q(**{f"{prefix}status": Evidence.Status.ACCEPTED})
        return _visible_q(user, public=public, prefix=prefix)

    def media_files(self) -> list[str]:
        return [self.image.name] if self.image else []


class VerdictVote(models.Model):
    """A moderator's vote in one review round. Never deleted through the site."""

    RATIONALE_MAX_LENGTH = 500

    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="votes")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="votes"
    )
    round = models.PositiveIntegerField()
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    rationale = models.CharField(_("rationale"), max_length=RATIONALE_MAX_LENGTH)
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


class TimelineEventQuerySet(models.QuerySet):
    def visible_to(self, user) -> "TimelineEventQuerySet":
        """Events of the rumors this user may see, less those about evidence the user may not
        see and the moderators' own kinds. `withdrawn` events are seen by everyone, on every
        rumor: they carry nothing but the rumor's id, and tell mirrors what to delete (a
        rejected rumor's included). Joins rather than subqueries: the site-wide stream pages
        through every event."""
        from rumors.permissions import is_moderator

        rumors = Rumor.visible_q(user, prefix="rumor__")
        # An empty Q (a moderator's: every rumor) ORed with another would become that other.
        events = (
            self.filter(rumors | Q(kind__in=TimelineEvent.ALWAYS_PUBLIC_KINDS)) if rumors else self
        )
        evidence = Evidence.visible_q(user, prefix="evidence__")
        if evidence:  # empty for moderators, who see every event
            events = events.filter(Q(evidence__isnull=True) | evidence)
        if not is_moderator(user):
            events = events.exclude(kind__in=TimelineEvent.MODERATOR_KINDS)
        return events


class TimelineEvent(models.Model):
    """An append-only record of what happened to a rumor. Rows are never updated or deleted."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SOURCE_FETCHED = "source_fetched", _("Source fetched")
        SOURCE_FAILED = "source_failed", _("Source could not be fetched")
        SOURCE_GONE = "source_gone", _("Source went offline")
        EVIDENCE_PROPOSED = "evidence_proposed", _("Evidence proposed")
        EVIDENCE_ADDED = "evidence_added", _("Evidence added")
        EVIDENCE_REJECTED = "evidence_rejected", _("Evidence rejected")
        VOTE_CAST = "vote_cast", _("Vote cast")
        VOTE_CHANGED = "vote_changed", _("Vote changed")
        VERDICT_REACHED = "verdict_reached", _("Verdict reached")
        DISPUTED = "disputed", _("Disputed")
        REOPENED = "reopened", _("Reopened")
        REJECTED = "rejected", _("Rejected as spam")
        MARKED_SENSITIVE = "marked_sensitive", _("Marked sensitive")
        UNMARKED_SENSITIVE = "unmarked_sensitive", _("No longer marked sensitive")
        EDITED = "edited", _("Edited")
        REPORTED = "reported", _("Reported")
        REPORT_DECIDED = "report_decided", _("Report decided")
        MEDIA_HIDDEN = "media_hidden", _("Media withheld after a report")
        MEDIA_RESTORED = "media_restored", _("Media restored")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        HELD = "held", _("Held while it is reviewed")
        RELEASED = "released", _("Hold lifted")
        REDACTED = "redacted", _("Edited by a moderator")
        APPEALED = "appealed", _("Appealed by its submitter")
        MERGED = "merged", _("Merged")
        MERGE_SUGGESTED = "merge_suggested", _("Possibly the same clip as another rumor")
        MEDIA_LINK_CONFIRMED = "media_link_confirmed", _("Similar media confirmed")
        MEDIA_LINK_SPLIT = "media_link_split", _("Similar media split")
        TRANSLATED = "translated", _("Text added in another language")

    # Events that name a moderator's vote: who cast them stays private until the round has
    # its verdict (permissions.can_see_event_actor).
    VOTE_KINDS = (Kind.VOTE_CAST, Kind.VOTE_CHANGED)
    # Seen only by moderators: they name a report, its category and its decision.
    # A suggested merge names another rumor on a page's own word (its canonical link).
    MODERATOR_KINDS = (Kind.REPORTED, Kind.REPORT_DECIDED, Kind.APPEALED, Kind.MERGE_SUGGESTED)
    # Seen by everyone whatever the rumor: contentless, so that copies can be deleted.
    ALWAYS_PUBLIC_KINDS = (Kind.WITHDRAWN,)

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

    objects = TimelineEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["rumor", "created_at", "id"]),
            models.Index(fields=["-created_at", "-id"]),
            models.Index(fields=["kind", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on rumor {self.rumor_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def held_by_requester(self) -> bool:
        """A `held` the person concerned or their agency made (a verified requester)."""
        return self.kind == self.Kind.HELD and bool(self.data.get("requester"))


class Report(models.Model):
    """Someone's report about a rumor page, a link or an evidence item. Reports of a category
    in HIDING_CATEGORIES withhold the reported media at once, until a moderator decides."""

    DETAILS_MAX_LENGTH = 5000
    REASON_MAX_LENGTH = 1000
    # Moderators aim to decide every report within this many hours.
    DECISION_TARGET_HOURS = 24

    class Category(models.TextChoices):
        # The codes are stable: the API takes and returns them.
        SEXUAL_DEEPFAKE = "sexual_deepfake", _("Sexual or intimate imagery of a real person")
        PRIVACY = "privacy", _("Personal information or a private person")
        DEFAMATION = "defamation", _("Defamation")
        SPAM = "spam", _("Spam")
        OTHER = "other", _("Something else")

    HIDING_CATEGORIES = (Category.SEXUAL_DEEPFAKE, Category.PRIVACY)

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    # What it was opened from: a rumor page, a link (its Source), or an evidence item.
    url = models.URLField(max_length=2000, blank=True)
    rumor = models.ForeignKey(
        Rumor, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    evidence = models.ForeignKey(
        Evidence, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    details = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reporter_address = models.GenericIPAddressField(null=True, blank=True)
    # Whether this report withheld media at once (false past the reporter's daily cap).
    hid_media = models.BooleanField(default=False)
    # What it withholds: a dismissal restores what no other standing report withholds.
    hidden_sources = models.ManyToManyField(Source, blank=True, related_name="hiding_reports")
    hidden_evidence = models.ManyToManyField(Evidence, blank=True, related_name="hiding_reports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Filed by the site itself when a picture matched the never-host bank (services/bank.py):
    # which entry, how many bits apart, and the new picture's hash (a dismissal exempts it).
    bank_entry = models.ForeignKey(
        "BankedHash", on_delete=models.SET_NULL, null=True, blank=True, related_name="matches"
    )
    match_bits = models.PositiveSmallIntegerField(null=True, blank=True)
    match_pdq = models.CharField(max_length=64, blank=True)
    match_quality = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The moderators' queue, oldest first.
            models.Index(fields=["status", "created_at"]),
            # The daily cap on immediate hides per address.
            models.Index(fields=["reporter_address", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} report {self.pk}"

    @property
    def hides_at_once(self) -> bool:
        return self.category in self.HIDING_CATEGORIES

    @property
    def is_overdue(self) -> bool:
        age = timezone.now() - self.created_at
        return self.status == self.Status.OPEN and age.total_seconds() > (
            self.DECISION_TARGET_HOURS * 3600
        )


class VerifiedRequesterQuerySet(models.QuerySet):
    def standing(self) -> "VerifiedRequesterQuerySet":
        """Records not revoked, of active members whose primary address is confirmed (allauth's
        EmailAddress): the only rule for who counts as a verified requester; the report
        queue and permissions.can_hold_as_requester both ask it."""
        from allauth.account.models import EmailAddress

        confirmed = EmailAddress.objects.filter(
            user=models.OuterRef("user"), primary=True, verified=True
        )
        return self.filter(
            models.Exists(confirmed),
            revoked_at__isnull=True,
            user__is_active=True,
            user__deleted_at__isnull=True,
        )

    def representing(self, rumor: "Rumor") -> "VerifiedRequesterQuerySet":
        """Records for one of the rumor's people, or for the agency of one of them (the name
        compared without case). Subqueries, so that one query asks it all."""
        people = Person.objects.filter(rumors=rumor)
        agencies = people.exclude(agency="").values(lowered=Lower("agency"))
        return self.annotate(agency_name=Lower("agency")).filter(
            Q(person__in=people) | Q(agency_name__in=agencies.values("lowered"))
        )


class VerifiedRequester(models.Model):
    """A member a moderator recorded as the person concerned (a Person of the site) or their
    agency. While their primary address is confirmed, their reports go first in the queue and
    they may hold a rumor about the person they represent at once (permissions.can_hold)."""

    NOTE_MAX_LENGTH = 1000

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="requester_records",
        verbose_name=_("member"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="requesters",
        verbose_name=_("person"),
    )
    agency = models.CharField(_("agency"), max_length=120, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = VerifiedRequesterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verified requester")
        verbose_name_plural = _("verified requesters")
        constraints = [
            # A person or an agency, never both, never neither.
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(agency=""))
                | (Q(person__isnull=True) & ~Q(agency="")),
                name="requester_person_or_agency",
            ),
            models.UniqueConstraint(
                fields=["user", "person"],
                condition=Q(revoked_at__isnull=True, person__isnull=False),
                name="requester_one_standing_per_person",
            ),
            models.UniqueConstraint(
                "user",
                Lower("agency"),
                condition=Q(revoked_at__isnull=True) & ~Q(agency=""),
                name="requester_one_standing_per_agency",
            ),
        ]
        indexes = [models.Index(fields=["user", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.user} for {self.represents}"

    @property
    def represents(self) -> str:
        return str(self.person) if self.person_id else self.agency

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class BankedHash(models.Model):
    """The never-host bank: a picture that must never be hosted again, kept as its PDQ hash
    alone (services/bank.py). Filled when a moderator upholds a report of sexual imagery, or
    imported from another service (manage.py hashbank_import)."""

    class Origin(models.TextChoices):
        REPORT = "report", _("Upheld report")
        IMPORT = "import", _("Imported")

    pdq = models.CharField(max_length=64, unique=True)
    quality = models.PositiveSmallIntegerField()
    origin = models.CharField(max_length=10, choices=Origin.choices)
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="banked_hashes"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        verbose_name = _("never-host bank entry")
        verbose_name_plural = _("never-host bank")

    def __str__(self) -> str:
        return f"Bank entry {self.pk} ({self.pdq[:12]}…)"


class MatchExemption(models.Model):
    """A false match a moderator cleared (original footage a fake was built from, say): a
    picture within MEDIA_MATCH_SAME_BITS of this hash no longer matches this bank entry."""

    entry = models.ForeignKey(BankedHash, on_delete=models.CASCADE, related_name="exemptions")
    pdq = models.CharField(max_length=64)
    quality = models.PositiveSmallIntegerField()
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Exemption {self.pk} from bank entry {self.entry_id}"


class Appeal(models.Model):
    """A submitter's one appeal against their rumor being rejected, held or having media
    withheld (services appeal_submit); moderators read them on /moderation/reports/."""

    REASON_MAX_LENGTH = 2000

    class Grounds(models.TextChoices):
        REJECTED = "rejected", _("Rejected as spam")
        HELD = "held", _("Held while it is reviewed")
        MEDIA_HIDDEN = "media_hidden", _("Media withheld after a report")

    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="appeals")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    grounds = models.CharField(max_length=20, choices=Grounds.choices)
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rumor", "submitted_by"], name="one_appeal_per_rumor_per_submitter"
            ),
        ]

    def __str__(self) -> str:
        return f"Appeal {self.pk} on rumor {self.rumor_id}"


class SearchTerm(models.Model):
    """One term of a rumor's own text (title and claim), as rumors.textsearch reads it; written
    by services/search_index.py whenever the text is, and matched by equality at query time."""

    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rumor", "term"], name="search_term_once_a_rumor")
        ]
        # The query looks terms up (term, rumor); the unique constraint serves the per-rumor
        # score (rumor, term).
        indexes = [models.Index(fields=["term", "rumor"])]

    def __str__(self) -> str:
        return self.term


class NameTerm(models.Model):
    """One term of a person's or a work's names (romanised, Hangul, aliases and the variants
    fans type), written by services/search_index.py when the names are saved."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="name_terms"
    )
    work = models.ForeignKey(
        Work, on_delete=models.CASCADE, null=True, blank=True, related_name="name_terms"
    )
    term = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) ^ Q(work__isnull=True),
                name="name_term_of_a_person_or_a_work",
            )
        ]
        # Equality and "begins with" (names typed in part, as in the submit form's
        # suggestions): on PostgreSQL LIKE 'x%' needs the pattern operator class.
        indexes = [
            models.Index(fields=["term"]),
            models.Index(
                fields=["term"], name="name_term_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.term


class Webhook(models.Model):
    """A member's receiver of public timeline events (services/webhooks.py delivers them)."""

    # `events` holds timeline kinds, or ANY_EVENT alone for every kind the public sees.
    ANY_EVENT = "*"
    MAX_PER_OWNER = 20

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField(max_length=2000)
    events = models.JSONField(default=list)
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    work = models.ForeignKey(
        Work, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The HMAC key: shown to the owner once, when the webhook is made, and kept to sign.
    secret = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by the first failed delivery since the last one that succeeded.
    failing_since = models.DateTimeField(null=True, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["disabled_at"])]

    def __str__(self) -> str:
        return self.url

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None

    def wants(self, kind: str) -> bool:
        return self.ANY_EVENT in self.events or kind in self.events


class WebhookDelivery(models.Model):
    """One event for one webhook: attempted until it is answered with a 2xx, refused for good,
    or has been failing for WEBHOOK_RETRY_HOURS (services/webhooks.py)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        # The public could no longer see the event when it was due, or the webhook was off.
        SKIPPED = "skipped", _("Not sent")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(TimelineEvent, on_delete=models.CASCADE, related_name="+")
    # X-Jinjja-Delivery: the same on every attempt, so that a receiver can drop repeats.
    delivery_id = models.UUIDField(unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    # When the next attempt is due; an attempt in progress moves it a lease ahead.
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveIntegerField(null=True, blank=True)
    response_excerpt = models.CharField(max_length=500, blank=True)
    error = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event"], name="one_delivery_per_event")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["webhook", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.webhook_id}"


class ModeratorComment(models.Model):
    """One message of a rumor's discussion among moderators, seen by moderators only
    (services/discussion.py); Markdown, as evidence notes."""

    BODY_MAX_LENGTH = 5000

    rumor = models.ForeignKey(Rumor, on_delete=models.CASCADE, related_name="moderator_comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    # Moderators named with @username in the body: they are told.
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["rumor", "created_at"])]

    def __str__(self) -> str:
        return self.body[:60]


class HashSegment(models.Model):
    """One key of a PDQ hash in the lookup index (rumors/matching.py `segment_keys`: a 16-bit
    slice and its position). Rows are only ever added with their hash and removed with it."""

    key = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"Key {self.key >> 16}:{self.key & 0xFFFF:04x}"


class BankSegment(HashSegment):
    entry = models.ForeignKey(BankedHash, on_delete=models.CASCADE, related_name="segments")

    class Meta:
        # (key, entry): the probe reads the index alone, never the table.
        indexes = [models.Index(fields=["key", "entry"], name="bank_segment_key")]


class Reference(models.Model):
    """Reference media in the library (services/references.py): an official channel's video,
    a press-event photo, a drama still, registered by a moderator. Its frames' PDQ hashes are
    compared with every newly fetched picture; a match becomes a suggested evidence item."""

    NOTE_MAX_LENGTH = 2000

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be fetched")
        IN_LIBRARY = "in_library", _("In the library")
        # Its picture matched the never-host bank: a bank-match report waits for a moderator,
        # who may clear it (original footage a fake was built from is what the site needs).
        HELD = "held", _("Held for a moderator: matches the never-host bank")
        NO_PICTURE = "no_picture", _("No picture to compare")

    url = models.URLField(_("link"), max_length=2000, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, related_name="references"
    )
    image = models.ImageField(_("image"), upload_to="references/", blank=True)
    people = models.ManyToManyField(Person, blank=True, related_name="references")
    works = models.ManyToManyField(Work, blank=True, related_name="references")
    note = models.TextField(_("note"), blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    # While held: the bank entry its picture matched, and how many bits apart.
    bank_entry = models.ForeignKey(
        BankedHash, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bank_bits = models.PositiveSmallIntegerField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.url or f"Reference {self.pk}"

    @property
    def display_title(self) -> str:
        if self.source_id and self.source.title:
            return self.source.title
        return self.url or self.note[:80] or _("Uploaded image")


class ReferenceFrame(models.Model):
    """One hashed picture of a reference: its thumbnail, or another preview frame."""

    reference = models.ForeignKey(Reference, on_delete=models.CASCADE, related_name="frames")
    label = models.CharField(max_length=40)
    pdq = models.CharField(max_length=64)
    quality = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["reference", "pdq"], name="reference_frame_once")
        ]

    def __str__(self) -> str:
        return f"Frame {self.label} of reference {self.reference_id}"


class ReferenceSegment(HashSegment):
    frame = models.ForeignKey(ReferenceFrame, on_delete=models.CASCADE, related_name="segments")

    class Meta:
        indexes = [models.Index(fields=["key", "frame"], name="reference_segment_key")]
