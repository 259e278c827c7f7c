"""A large synthetic data set for load tests: `manage.py seed_bulk --rumors N`.

Sizes follow N (for N = 100,000: about 2,000 people, 500 works, 200,000 sources, 1,000,000 timeline
events and 300,000 votes). Activity is skewed as on a real fan site: people, works, members and
rumors are drawn with Zipf-like weights, so a few actors and a few rumors get most of the
sources, evidence, votes and events.

Votes follow the moderation rule in settings (VERDICT_QUORUM, VERDICT_SUPERMAJORITY,
VERDICT_DISPUTE_AFTER): votes of a round are replayed in order and the round closes with a
verdict at the first vote where the rule holds; later planned votes are dropped, as a closed round
takes no votes. So every verdict has the votes that carry it, one `verdict_reached` event, and a
rumor with enough votes but no supermajority is disputed.

Rows are written with COPY on PostgreSQL (bulk INSERTs elsewhere) in one transaction, with ids
chosen here so that no row has to be read back. A run appends one batch: names, slugs, usernames
and URLs carry the batch number (`bulk1-…`, `bulk2-…`), so a second run adds another N rumors
beside the first and collides with nothing.
"""

import functools
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from django.core.management.color import no_style
from django.db import connection, models, transaction

from accounts.models import User
from rumors import textsearch
from rumors.fetchers.linkkeys import link_key
from rumors.models import (
    Evidence,
    NameTerm,
    Person,
    ReviewRound,
    Rumor,
    SearchTerm,
    Source,
    SourceKey,
    TimelineEvent,
    VerdictVote,
    Work,
)
from rumors.verdicts import Verdict, round_outcome

Kind = TimelineEvent.Kind
VERDICTS = [v.value for v in Verdict]
FAMILY = (
    "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong"
)
FAMILY = FAMILY.split()
FAMILY_HANGUL = list("김이박최정강조윤장임한오서신권황안송유홍")
GIVEN = list(
    zip(
        "Seo Jun Min Ji Woo Ha Yeon Hye Soo Eun Jin Da Mi Hyun Bin Na Young Ho".split(),
        "서준민지우하연혜수은진다미현빈나영호",
        strict=True,
    )
)
TITLE_A = "Crash Midnight Secret Summer Hotel Royal Twenty Moon Itaewon Flower Winter Red Silent"
TITLE_A = (TITLE_A + " Business Glory Queen").split()
TITLE_B = "Class Landing Garden Contract Diary Sonata Signal Proposal Kingdom Doctor Vows Romance"
TITLE_B = (TITLE_B + " Castle Chronicle Knight Lovers").split()
CLAIMS = [
    "spotted together at",
    "secretly married in",
    "caught on camera leaving",
    "quit the drama after a fight on set of",
    "filmed kissing backstage at",
    "confirmed dating by a leaked clip from",
    "seen arguing with the director of",
]
# Korean claims beside the English ones, so that search is measured on Hangul text too.
KO_CLAIMS = [
    "촬영장에서 키스하는 영상",
    "비밀 결혼설",
    "공항에서 포착된 사진",
    "딥페이크 합성 영상",
    "열애설 확인",
    "감독과 말다툼",
]
SITES = [
    "www.youtube.com/watch?v=",
    "www.tiktok.com/@fan/video/",
    "x.com/fan/status/",
    "www.instagram.com/reel/",
    "theqoo.net/square/",
    "www.dispatch.co.kr/",
]


@dataclass(frozen=True)
class BulkSizes:
    rumors: int
    people: int
    works: int
    members: int
    moderators: int
    sources: int
    events: int
    votes: int

    @classmethod
    def for_rumors(cls, n: int) -> "BulkSizes":
        return cls(
            rumors=n,
            people=max(20, n // 50),
            works=max(10, n // 200),
            members=max(20, n // 20),
            moderators=max(12, min(60, n // 1500)),
            sources=2 * n,
            events=10 * n,
            votes=3 * n,
        )


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    """Cumulative Zipf weights over n items: item 0 is the most popular."""
    return list(accumulate(1 / (rank + 1) ** s for rank in range(n)))


class _Picker:
    """Draws items with Zipf weights; `hot` ranks map to a shuffled order of the items."""

    def __init__(self, rng: random.Random, items: Sequence, s: float = 1.1):
        self.rng, self.items = rng, list(items)
        rng.shuffle(self.items)
        self.cum = zipf_weights(len(self.items), s)

    def one(self):
        return self.rng.choices(self.items, cum_weights=self.cum)[0]

    def many(self, k: int) -> list:
        return self.rng.choices(self.items, cum_weights=self.cum, k=k)

    def distinct(self, k: int) -> list:
        chosen: dict = {}
        while len(chosen) < min(k, len(self.items)):
            chosen[self.one()] = None
        return list(chosen)


class _Writer:
    """Appends rows to tables: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, chunk: int = 5000):
        self.chunk = chunk
        self.counts: Counter = Counter()
        self.with_ids: list[type[models.Model]] = []
        self.tables: list[str] = []

    @staticmethod
    def next_id(model: type[models.Model]) -> int:
        return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]):
        """Write rows of `columns`; the model's other fields get their defaults."""
        fields = [model._meta.get_field(c) for c in columns]
        rest = [f for f in model._meta.concrete_fields if f not in fields and not f.primary_key]
        columns = [*columns, *(f.name for f in rest)]
        defaults = tuple(self._default(f) for f in rest)
        fields += rest
        rows = (row + defaults for row in rows)
        names = [f.column for f in fields]
        if "id" in columns:
            self.with_ids.append(model)
        convert = self._converters(fields)
        table = connection.ops.quote_name(model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(n) for n in names)
        count = 0
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(convert(row))
                        count += 1
            else:
                # Table and column names come from the models, quoted; values are parameters.
                marks = ", ".join(["%s"] * len(names))
                sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608
                batch = []
                for row in rows:
                    batch.append(convert(row))
                    if len(batch) >= self.chunk:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        self.counts[model._meta.label] += count
        self.tables.append(table)

    @staticmethod
    def _default(field: models.Field):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return datetime.now(tz=UTC)
        return field.get_default()

    @staticmethod
    def _converters(fields) -> Callable[[tuple], tuple]:
        preps = []
        for i, field in enumerate(fields):
            if isinstance(field, models.JSONField):
                preps.append((i, json.dumps))
            elif connection.vendor != "postgresql" and isinstance(field, models.DateTimeField):
                preps.append((i, lambda v, f=field: f.get_db_prep_value(v, connection)))
        if not preps:
            return tuple

        def convert(row):
            row = list(row)
            for i, prep in preps:
                row[i] = prep(row[i])
            return row

        return convert

    def finish(self):
        """Move id sequences past the ids chosen here; refresh the planner's statistics."""
        statements = connection.ops.sequence_reset_sql(no_style(), set(self.with_ids))
        if connection.vendor == "postgresql":
            # Autovacuum would get there, but only after the first queries were planned blind.
            statements += [f"ANALYZE {table}" for table in self.tables]
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def event(events: list, rumor: int, at: datetime, kind: str, *, actor=None, source=None,
          ev=None, data=None) -> None:  # fmt: skip
    events.append((rumor, kind, actor, at, data or {}, source, ev))


def next_batch() -> int:
    numbers = [
        int(m.group(1))
        for slug in Person.objects.filter(slug__startswith="bulk").values_list("slug", flat=True)
        if (m := re.match(r"bulk(\d+)-", slug))
    ]
    return max(numbers, default=0) + 1


@transaction.atomic
def seed_bulk(
    *, rumors: int, seed: int = 7, progress: Callable[[str], None] = lambda _: None
) -> dict[str, int]:
    """Append one batch of `rumors` synthetic rumors with everything around them.

    Returns the number of rows written per model (and the batch number under "batch").
    """
    sizes = BulkSizes.for_rumors(rumors)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible by design
    batch = next_batch()
    tag = f"bulk{batch}"
    out = _Writer()
    now = datetime.now(tz=UTC).replace(microsecond=0)
    start = now - timedelta(days=730)

    # --- People, works, members, moderators
    person0 = out.next_id(Person)
    people = list(range(person0, person0 + sizes.people))
    names = []
    for i, _ in enumerate(people):
        f = i % len(FAMILY)
        g1, g2 = GIVEN[(i // len(FAMILY)) % len(GIVEN)], GIVEN[(i * 7 + 3) % len(GIVEN)]
        names.append((f"{FAMILY[f]} {g1[0]}-{g2[0].lower()}", FAMILY_HANGUL[f] + g1[1] + g2[1]))
    out.write(
        Person,
        ["id", "name", "name_hangul", "slug", "agency", "created_at"],
        (
            (pk, name, hangul, f"{tag}-{pk}", f"Agency {pk % 40}", start)
            for pk, (name, hangul) in zip(people, names, strict=True)
        ),
    )
    progress(f"{len(people)} people")
    name_rows = [
        (pk, term)
        for pk, pair in zip(people, names, strict=True)
        for term in textsearch.name_terms(pair)
    ]
    out.write(NameTerm, ["person", "term"], name_rows)
    textsearch.analyser.add_words(textsearch.dictionary_words(h for _, h in names))

    work0 = out.next_id(Work)
    works = list(range(work0, work0 + sizes.works))
    out.write(
        Work,
        ["id", "title", "title_korean", "year", "kind", "slug", "created_at"],
        (
            (
                pk,
                f"{TITLE_A[pk % 16]} {TITLE_B[(pk // 16) % 16]} {pk}",
                f"드라마 {pk}",
                2005 + pk % 21,
                Work.Kind.DRAMA,
                f"{tag}-{pk}",
                start,
            )
            for pk in works
        ),
    )
    out.write(
        NameTerm,
        ["work", "term"],
        (
            (pk, term)
            for pk in works
            for term in textsearch.name_terms(
                (f"{TITLE_A[pk % 16]} {TITLE_B[(pk // 16) % 16]} {pk}", f"드라마 {pk}")
            )
        ),
    )
    person_pick = _Picker(rng, people)
    out.write(
        Work.cast.through,
        ["work", "person"],
        ((w, p) for w in works for p in person_pick.distinct(rng.randint(2, 8))),
    )
    progress(f"{len(works)} works")

    user0 = out.next_id(User)
    users = list(range(user0, user0 + sizes.members + sizes.moderators))
    moderators = users[sizes.members :]
    user_cols = ["id", "password", "is_superuser", "username", "email", "is_staff",
                 "is_active", "date_joined", "display_name", "is_moderator"]  # fmt: skip
    out.write(
        User,
        user_cols,
        (
            (
                pk,
                "!bulk-no-login",
                False,
                f"{tag}-user{pk}",
                f"{tag}-user{pk}@example.org",
                False,
                True,
                start,
                f"Fan {pk}",
                pk >= moderators[0],
            )
            for pk in users
        ),  # fmt: skip
    )
    member_pick = _Picker(rng, users[: sizes.members], s=1.0)
    moderator_pick = _Picker(rng, moderators, s=0.8)
    progress(f"{len(users)} users ({len(moderators)} moderators)")

    # --- Per-rumor activity: a few hot rumors get most extra sources, evidence and votes.
    rumor0 = out.next_id(Rumor)
    rumor_ids = list(range(rumor0, rumor0 + rumors))
    rumor_pick = _Picker(rng, rumor_ids, s=1.0)
    extra_sources = Counter(rumor_pick.many(sizes.sources - rumors))
    hot = set(rumor_pick.items[: max(1, rumors // 50)])  # contentious: votes split three ways
    work_pick = _Picker(rng, works)
    source0 = out.next_id(Source)
    evidence0 = out.next_id(Evidence)

    rumor_rows, sources, rumor_sources, rumor_people, rumor_works = [], [], [], [], []
    # The text of a rumor is an English title and a Korean sentence made of a name and one of
    # a few claims: its terms are those of the parts, each part analysed once (Kiwi takes
    # 1-3 ms a sentence, too slow for 100,000 rumors).
    part_terms = functools.cache(textsearch.text_terms)
    rumor_terms = []
    source_keys, rounds, votes, events, evidence = [], [], [], [], []
    step = (now - start - timedelta(days=2)) / rumors
    # A busy rumor's activity runs on for days after it was submitted, but never past now: a
    # future date would stand as the newest activity and freeze every cache key made from it
    # (rumors/pagecache.py pages_stamp).
    latest = now - timedelta(minutes=1)
    for index, rid in enumerate(rumor_ids):
        created = start + step * index
        t = created
        submitter = member_pick.one()
        who = person_pick.distinct(rng.choice((1, 1, 2, 3)))
        what = work_pick.distinct(rng.choice((0, 1, 1, 2)))
        title = f"{names[who[0] - person0][0]} {rng.choice(CLAIMS)} {TITLE_A[rid % 16]} set"
        hangul, ko_claim = names[who[0] - person0][1], rng.choice(KO_CLAIMS)
        claim = f"Fans say {title}. {hangul}: {ko_claim}."
        terms = part_terms(title[:200]) | part_terms(ko_claim) | {hangul}
        rumor_terms += [(rid, term) for term in terms]
        rumor_people += [(rid, p) for p in who]
        rumor_works += [(rid, w) for w in what]

        my_sources = []
        for _ in range(1 + extra_sources[rid]):
            sid = source0 + len(sources)
            site = SITES[sid % len(SITES)]
            url = f"https://{site}{tag}x{sid}"
            state = rng.choices(["fetched", "failed", "pending", "gone"], [90, 4, 3, 3])[0]
            sources.append((sid, url, url, state, 1, t, t, t, f"Clip {sid} · {title[:60]}", t))
            source_keys.append((sid, link_key(url), t))
            rumor_sources.append((rid, sid))
            my_sources.append((sid, state))
        event(events, rid, t, Kind.SUBMITTED, actor=submitter, source=my_sources[0][0])
        for sid, state in my_sources:
            t = min(t + timedelta(minutes=rng.randint(1, 30)), latest)
            if state in ("fetched", "failed", "gone"):
                kind = {"fetched": Kind.SOURCE_FETCHED, "failed": Kind.SOURCE_FAILED,
                        "gone": Kind.SOURCE_GONE}[state]  # fmt: skip
                event(events, rid, t, kind, source=sid)

        # Votes: most rumors settle at quorum; hot ones split three ways and stay disputed.
        if rid in hot:
            planned = min(len(moderators), 10 + int(rng.paretovariate(1.2) * 5))
            leading = rng.sample(VERDICTS, 3)
            choices = [leading[i % 3] for i in range(planned)]
        else:
            planned = rng.choice((0, 3, 3, 3, 3, 4, 5))
            truth = rng.choice(VERDICTS)
            choices = [
                truth if rng.random() < 0.8 else rng.choice(VERDICTS) for _ in range(planned)
            ]
        counts: Counter = Counter()
        verdict, disputed, reached_at = "", False, None
        for moderator, choice in zip(moderator_pick.distinct(planned), choices, strict=False):
            t = min(t + timedelta(minutes=rng.randint(5, 600)), latest)
            counts[choice] += 1
            votes.append((rid, moderator, 1, choice, "Checked the footage.", t, t))
            # As the site records a vote: who voted, not how, until the verdict.
            event(events, rid, t, Kind.VOTE_CAST, actor=moderator, data={"round": 1})
            outcome = round_outcome(counts.elements(), electorate=len(moderators))
            data = {"round": 1, "tally": outcome.tally}
            if outcome.verdict:
                verdict, reached_at = outcome.verdict, t
                event(events, rid, t, Kind.VERDICT_REACHED, data={**data, "verdict": verdict})
                break
            if outcome.disputed and not disputed:
                disputed = True
                event(events, rid, t, Kind.DISPUTED, data=data)

        # Evidence, proposed then accepted, fills the timeline up to about 10 events a rumor.
        for _ in range(rng.randint(0, 3) + (8 if rid in hot else 0)):
            eid = evidence0 + len(evidence)
            moderator = moderator_pick.one()
            t = min(t + timedelta(minutes=rng.randint(1, 120)), latest)
            evidence.append((eid, rid, "news_report", rng.choice(["supports", "refutes"]),
                             f"https://news.example/{tag}/{eid}", "accepted", moderator,
                             moderator, t, t))  # fmt: skip
            event(events, rid, t, Kind.EVIDENCE_PROPOSED, actor=moderator, ev=eid)
            event(events, rid, t, Kind.EVIDENCE_ADDED, actor=moderator, ev=eid)

        status = "resolved" if verdict else ("under_review" if counts else "submitted")
        sensitive = rng.random() < 0.01
        rumor_rows.append((rid, title[:200], Rumor.make_slug(title), claim,
                           submitter, status, verdict, reached_at, disputed, 1, sensitive,
                           created, t, t))  # fmt: skip
        rounds.append((rid, 1, submitter, created, verdict, reached_at, disputed))
        if index % 20000 == 19999:
            progress(f"{index + 1} rumors generated")

    out.write(
        Source,
        ["id", "url", "normalized_url", "fetch_state", "attempts", "fetch_started_at",
         "fetched_at", "last_checked_at", "title", "created_at"],
        sources,
    )  # fmt: skip
    out.write(
        Rumor,
        ["id", "title", "slug", "claim", "submitted_by", "status", "verdict",
         "verdict_reached_at", "is_disputed", "review_round", "is_sensitive", "created_at",
         "updated_at", "last_activity_at"],
        rumor_rows,
    )  # fmt: skip
    out.write(SourceKey, ["source", "key", "created_at"], source_keys)
    out.write(SearchTerm, ["rumor", "term"], rumor_terms)
    out.write(Rumor.sources.through, ["rumor", "source"], rumor_sources)
    out.write(Rumor.people.through, ["rumor", "person"], rumor_people)
    out.write(Rumor.works.through, ["rumor", "work"], rumor_works)
    out.write(
        ReviewRound,
        ["rumor", "number", "opened_by", "opened_at", "verdict", "closed_at", "is_disputed"],
        rounds,
    )
    out.write(
        Evidence,
        ["id", "rumor", "kind", "stance", "url", "status", "submitted_by", "reviewed_by",
         "created_at", "reviewed_at"],
        evidence,
    )  # fmt: skip
    out.write(
        VerdictVote,
        ["rumor", "moderator", "round", "verdict", "rationale", "created_at", "updated_at"],
        votes,
    )
    progress(f"{len(votes)} votes")
    out.write(
        TimelineEvent,
        ["rumor", "kind", "actor", "created_at", "data", "source", "evidence"],
        events,
    )
    progress(f"{len(events)} timeline events")
    out.finish()
    return {"batch": batch, **{label.split(".")[1]: n for label, n in out.counts.items()}}
