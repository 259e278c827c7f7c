"""The demo data set loaded by `manage.py seed_demo`.

It starts with the case that started Jinjja: the viral off-screen "kiss" clip of Park Seo-joon
and Kim Da-mi, an AI deepfake built on Itaewon Class promotional footage from 2020. The other
rumors are illustrative examples in several states. Loading is idempotent: rows are found by
their natural keys (slugs, normalized URLs, usernames) and left alone when present.
"""

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from accounts.models import User
from rumors.fetchers.linkkeys import link_key
from rumors.fetchers.urls import normalize_url
from rumors.models import (
    Evidence,
    Person,
    ReviewRound,
    Rumor,
    Source,
    TimelineEvent,
    VerdictVote,
    Work,
)
from rumors.selectors import source_for_key
from rumors.services.search_index import names_index, rumor_index
from rumors.verdicts import Verdict, round_outcome

DEMO_PASSWORD = "jinjja-demo"  # noqa: S105 - documented demo login, set only with DEBUG on
# The demo moderators' TOTP secret (README.md): moderators act only with a second factor.
# Documented like the password (which is set only with DEBUG on).
DEMO_TOTP_SECRET = "JINJJADEMOJINJJADEMOJINJJADEMO23"  # noqa: S105

PEOPLE = [
    ("Park Seo-joon", "박서준", "park-seo-joon", "Awesome ENT"),
    ("Kim Da-mi", "김다미", "kim-da-mi", "ANDMARQ"),
    ("Song Hye-kyo", "송혜교", "song-hye-kyo", "UAA"),
    ("Hyun Bin", "현빈", "hyun-bin", "VAST Entertainment"),
    ("Son Ye-jin", "손예진", "son-ye-jin", "MSTeam Entertainment"),
    ("IU", "아이유", "iu", "EDAM Entertainment"),
    ("Yeo Jin-goo", "여진구", "yeo-jin-goo", "Jamie Entertainment"),
    ("Gong Yoo", "공유", "gong-yoo", "Management SOOP"),
    ("Kim Go-eun", "김고은", "kim-go-eun", "BH Entertainment"),
]

WORKS = [
    ("Itaewon Class", "이태원 클라쓰", 2020, "itaewon-class", ["park-seo-joon", "kim-da-mi"]),
    ("The Glory", "더 글로리", 2022, "the-glory", ["song-hye-kyo"]),
    (
        "Crash Landing on You",
        "사랑의 불시착",
        2019,
        "crash-landing-on-you",
        ["hyun-bin", "son-ye-jin"],
    ),
    ("Hotel del Luna", "호텔 델루나", 2019, "hotel-del-luna", ["iu", "yeo-jin-goo"]),
    ("Goblin", "쓸쓸하고 찬란하神-도깨비", 2016, "goblin", ["gong-yoo", "kim-go-eun"]),
]

MODERATORS = ["mod-jiwoo", "mod-minseo", "mod-haneul"]
MEMBERS = ["dami-fan", "itaewon-night", "kdrama-sleuth"]


@dataclass
class DemoSource:
    url: str
    title: str
    site_name: str
    author: str
    description: str
    published: datetime
    colour: tuple[int, int, int]
    state: str = Source.State.FETCHED
    sensitive: bool = False


@dataclass
class DemoEvidence:
    kind: str
    stance: str
    note: str
    by: str
    source: DemoSource | None = None
    timestamps: str = ""
    accepted: bool = True


@dataclass
class DemoRumor:
    title: str
    claim: str
    people: list[str]
    works: list[str]
    by: str
    submitted: datetime
    source: DemoSource
    status: str = Rumor.Status.SUBMITTED
    title_ko: str = ""
    claim_ko: str = ""
    evidence: list[DemoEvidence] = field(default_factory=list)
    # Moderator, verdict, why. What the votes add up to is the site's rule's to say.
    votes: list[tuple[str, str, str]] = field(default_factory=list)


def _at(year, month, day, hour=12, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


RUMORS = [
    DemoRumor(
        title="Park Seo-joon and Kim Da-mi kissing off-screen",
        claim=(
            "A viral clip shows Park Seo-joon and Kim Da-mi, the leads of Itaewon Class, "
            "kissing backstage, away from the cameras, supposedly filmed by a staff member."
        ),
        title_ko="박서준과 김다미의 촬영장 밖 키스 영상",
        claim_ko=(
            "이태원 클라쓰의 두 주연 박서준과 김다미가 카메라 밖 무대 뒤에서 키스하는 장면을 "
            "스태프가 몰래 찍었다는 영상이 퍼지고 있다."
        ),
        people=["park-seo-joon", "kim-da-mi"],
        works=["itaewon-class"],
        by="dami-fan",
        submitted=_at(2025, 3, 14, 9, 12),
        source=DemoSource(
            url="https://www.tiktok.com/@itaewon.secrets/video/7481234567890123456",
            title="they really kissed off camera?? #itaewonclass #parkseojoon #kimdami",
            site_name="TikTok",
            author="@itaewon.secrets",
            description="Leaked from the set! Park Seo-joon x Kim Da-mi off-screen moment.",
            published=_at(2025, 3, 13, 22, 40),
            colour=(122, 30, 72),
        ),
        status=Rumor.Status.RESOLVED,
        evidence=[
            DemoEvidence(
                kind=Evidence.Kind.ORIGINAL_FOOTAGE,
                stance=Evidence.Stance.REFUTES,
                note=(
                    "The clip is built on the official **2020 promotion** video: same set, "
                    "lighting and clothes. In the original the two actors only talk and laugh; "
                    "the faces in the viral clip were swapped in."
                ),
                by="kdrama-sleuth",
                timestamps="viral 0:03-0:11 = original 1:42-1:50",
                source=DemoSource(
                    url="https://www.youtube.com/watch?v=ItaewonPromo2020",
                    title="[Itaewon Class] Behind the scenes of the poster shoot (2020)",
                    site_name="YouTube",
                    author="JTBC Drama",
                    description="Park Seo-joon and Kim Da-mi at the Itaewon Class poster shoot.",
                    published=_at(2020, 1, 20, 10, 0),
                    colour=(24, 74, 120),
                ),
            ),
            DemoEvidence(
                kind=Evidence.Kind.FORENSIC_ANALYSIS,
                stance=Evidence.Stance.REFUTES,
                note=(
                    "Frame-by-frame: the jawline flickers at 0:06 and the earring disappears "
                    "for three frames, typical face-swap artefacts."
                ),
                by="mod-minseo",
            ),
            DemoEvidence(
                kind=Evidence.Kind.COMPARISON,
                stance=Evidence.Stance.REFUTES,
                note="Side-by-side stills of the viral clip and the 2020 promotion footage.",
                by="mod-jiwoo",
            ),
        ],
        votes=[
            (
                "mod-jiwoo",
                Verdict.AI_GENERATED,
                "Matches the 2020 promo frame for frame; faces swapped.",
            ),
            (
                "mod-minseo",
                Verdict.AI_GENERATED,
                "Face-swap artefacts at 0:06; source footage found.",
            ),
            ("mod-haneul", Verdict.AI_GENERATED, "Original footage shows no kiss. Deepfake."),
        ],
    ),
    DemoRumor(
        title="Crash Landing on You leads spotted filming a secret sequel",
        title_ko="사랑의 불시착 주연들, 비밀 속편 촬영 포착",
        claim=(
            "Photos from a mountain village are said to show Hyun Bin and Son Ye-jin filming "
            "a sequel to Crash Landing on You in secret."
        ),
        people=["hyun-bin", "son-ye-jin"],
        works=["crash-landing-on-you"],
        by="itaewon-night",
        submitted=_at(2025, 9, 2, 15, 30),
        source=DemoSource(
            url="https://x.com/cloy_updates/status/1962845512345678901",
            title="CLOY 2 CONFIRMED?? filming spotted in Gangwon",
            site_name="X (formerly Twitter)",
            author="@cloy_updates",
            description="Fans say the crew was seen near a mountain village this week.",
            published=_at(2025, 9, 1, 8, 5),
            colour=(40, 96, 60),
        ),
        status=Rumor.Status.RESOLVED,
        evidence=[
            DemoEvidence(
                kind=Evidence.Kind.ARCHIVED_COPY,
                stance=Evidence.Stance.REFUTES,
                note="The same photos were posted in 2019, during the original filming.",
                by="kdrama-sleuth",
            ),
        ],
        votes=[
            ("mod-jiwoo", Verdict.OUT_OF_CONTEXT, "2019 set photos reposted as new."),
            ("mod-minseo", Verdict.OUT_OF_CONTEXT, "Archive shows the photos from 2019."),
            ("mod-haneul", Verdict.OUT_OF_CONTEXT, "Real photos, wrong date."),
        ],
    ),
    DemoRumor(
        title="IU and Yeo Jin-goo 'caught' on a date at a night market",
        claim="A shaky clip claims to show IU and Yeo Jin-goo on a private date at a night market.",
        people=["iu", "yeo-jin-goo"],
        works=["hotel-del-luna"],
        by="dami-fan",
        submitted=_at(2026, 10, 28, 20, 15),
        source=DemoSource(
            url="https://www.instagram.com/reel/DdeLunaNight2026/",
            title="is this them?!",
            site_name="Instagram",
            author="delluna.archive",
            description="Night market clip going around fan chats.",
            published=_at(2026, 10, 27, 23, 50),
            colour=(70, 40, 110),
        ),
        status=Rumor.Status.UNDER_REVIEW,
        evidence=[
            DemoEvidence(
                kind=Evidence.Kind.ORIGINAL_FOOTAGE,
                stance=Evidence.Stance.REFUTES,
                note="Looks like the night market scene from episode 9, filmed in 2019.",
                by="kdrama-sleuth",
                timestamps="clip 0:00-0:14 = episode 9, 31:05-31:19",
                accepted=False,
            ),
        ],
        votes=[
            ("mod-jiwoo", Verdict.STAGED, "A drama scene passed off as real life."),
            ("mod-haneul", Verdict.STAGED, "Same costumes as episode 9."),
        ],
    ),
    DemoRumor(
        title="Screenshot of Song Hye-kyo announcing her retirement",
        title_ko="송혜교 은퇴 발표 캡처",
        claim="A screenshot of an Instagram post says Song Hye-kyo is retiring from acting.",
        people=["song-hye-kyo"],
        works=["the-glory"],
        by="itaewon-night",
        submitted=_at(2026, 11, 10, 7, 45),
        source=DemoSource(
            url="https://www.reddit.com/r/kdramas/comments/1gq2abc/song_hyekyo_retiring/",
            title="Song Hye-kyo retiring?? (screenshot inside)",
            site_name="Reddit",
            author="u/gloryfan22",
            description="Saw this screenshot on a fan account, is it real?",
            published=_at(2026, 11, 9, 18, 2),
            colour=(150, 60, 20),
        ),
        status=Rumor.Status.UNDER_REVIEW,
        votes=[
            ("mod-jiwoo", Verdict.FALSE, "No such post on her account; font is wrong."),
            ("mod-minseo", Verdict.SATIRE, "Posted first by a parody account."),
            ("mod-haneul", Verdict.UNPROVEN, "Cannot find the original post either way."),
        ],
    ),
    DemoRumor(
        title="Goblin reunion teaser leaked",
        claim="A clip said to tease a Goblin reunion special with Gong Yoo and Kim Go-eun.",
        people=["gong-yoo", "kim-go-eun"],
        works=["goblin"],
        by="kdrama-sleuth",
        submitted=_at(2026, 11, 22, 11, 0),
        source=DemoSource(
            url="https://entertain.naver.com/article/goblin-reunion-teaser",
            title="'도깨비' 재회 특집? 온라인에 퍼진 영상의 진실",
            site_name="네이버 엔터",
            author="",
            description="온라인에서 확산된 '도깨비' 재회 티저 영상, 사실일까.",
            published=_at(2026, 11, 22, 9, 30),
            colour=(30, 30, 30),
            state=Source.State.PENDING,
        ),
    ),
]


def _thumbnail_bytes(title: str, colour: tuple[int, int, int], size: tuple[int, int]) -> bytes:
    """A plain placeholder image standing in for a fetched thumbnail: the demo has no internet."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    w, h = size
    for i in range(0, w, max(w // 12, 1)):
        draw.line([(i, h), (i + h // 2, 0)], fill=tuple(min(c + 25, 255) for c in colour), width=3)
    draw.rectangle([0, h - h // 4, w, h], fill=(0, 0, 0))
    draw.text((w // 30, h - h // 5), title[:48], fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82)
    return out.getvalue()


def _source(demo: DemoSource) -> Source:
    found = source_for_key(key=link_key(demo.url))
    if found:
        return found
    key = normalize_url(demo.url)
    source = Source(
        url=demo.url,
        normalized_url=key,
        is_sensitive=demo.sensitive,
        created_at=demo.published,
    )
    if demo.state == Source.State.FETCHED:
        source.fetch_state = Source.State.FETCHED
        source.attempts = 1
        source.fetched_at = source.last_checked_at = demo.published + timedelta(hours=12)
        source.http_status = 200
        source.final_url = source.canonical_url = key
        source.title, source.site_name = demo.title, demo.site_name
        source.author, source.description = demo.author, demo.description
        source.published_at = demo.published
        name = key.rsplit("/", 1)[-1][:40] or "demo"
        source.thumbnail.save(
            f"demo-{name}.jpg",
            ContentFile(_thumbnail_bytes(demo.title, demo.colour, (640, 360))),
            save=False,
        )
        source.thumbnail_small.save(
            f"demo-{name}-small.jpg",
            ContentFile(_thumbnail_bytes(demo.title, demo.colour, (320, 180))),
            save=False,
        )
    source.save()
    source.keys.create(key=link_key(demo.url))
    return source


def _user(username: str, *, moderator: bool = False) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@demo.jinjja.invalid",
            "display_name": username.replace("-", " ").title(),
            "is_moderator": moderator,
        },
    )
    if created:
        if settings.DEBUG:
            user.set_password(DEMO_PASSWORD)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
        # Confirmed, so that the demo's mail (written to var/mail/ by `make run`) reaches them.
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        if moderator:
            # Moderators act only with a second factor. Harmless without DEBUG, where the
            # demo logins have no usable password.
            Authenticator.objects.create(
                user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(DEMO_TOTP_SECRET)}
            )
    return user


def _event(rumor, kind, at, actor=None, **refs) -> None:
    TimelineEvent.objects.create(rumor=rumor, kind=kind, created_at=at, actor=actor, **refs)


def _load_rumor(demo: DemoRumor, users: dict[str, User]) -> bool:
    source = _source(demo.source)
    if source.rumors.exists():
        return False
    submitter = users[demo.by]
    at = demo.submitted
    rumor = Rumor.objects.create(
        title=demo.title,
        title_ko=demo.title_ko,
        claim_ko=demo.claim_ko,
        slug=Rumor.make_slug(demo.title),
        claim=demo.claim,
        submitted_by=submitter,
        status=demo.status,
        created_at=at,
    )
    rumor.people.set(Person.objects.filter(slug__in=demo.people))
    rumor.works.set(Work.objects.filter(slug__in=demo.works))
    rumor_index(rumor=rumor)
    rumor.sources.add(source)
    round_ = ReviewRound.objects.create(rumor=rumor, number=1, opened_by=submitter, opened_at=at)
    _event(
        rumor,
        TimelineEvent.Kind.SUBMITTED,
        at,
        submitter,
        source=source,
        data={"url": source.normalized_url},
    )
    if source.fetch_state == Source.State.FETCHED:
        at += timedelta(minutes=1)
        _event(
            rumor,
            TimelineEvent.Kind.SOURCE_FETCHED,
            at,
            source=source,
            data={"title": source.title},
        )

    for item in demo.evidence:
        at += timedelta(hours=5)
        evidence = Evidence.objects.create(
            rumor=rumor,
            kind=item.kind,
            stance=item.stance,
            note=item.note,
            timestamps=item.timestamps,
            submitted_by=users[item.by],
            created_at=at,
            url=item.source.url if item.source else "",
            source=_source(item.source) if item.source else None,
            status=Evidence.Status.ACCEPTED if item.accepted else Evidence.Status.PROPOSED,
        )
        by_moderator = users[item.by].is_moderator
        _event(
            rumor,
            TimelineEvent.Kind.EVIDENCE_ADDED
            if by_moderator
            else TimelineEvent.Kind.EVIDENCE_PROPOSED,
            at,
            users[item.by],
            evidence=evidence,
            data={"kind": item.kind, "stance": item.stance},
        )
        if item.accepted and not by_moderator:
            at += timedelta(hours=1)
            reviewer = users[MODERATORS[0]]
            evidence.reviewed_by, evidence.reviewed_at = reviewer, at
            evidence.save(update_fields=["reviewed_by", "reviewed_at"])
            _event(
                rumor,
                TimelineEvent.Kind.EVIDENCE_ADDED,
                at,
                reviewer,
                evidence=evidence,
                data={"kind": item.kind, "stance": item.stance, "accepted": True},
            )

    for moderator, verdict, rationale in demo.votes:
        at += timedelta(hours=2)
        VerdictVote.objects.create(
            rumor=rumor,
            moderator=users[moderator],
            round=1,
            verdict=verdict,
            rationale=rationale,
            created_at=at,
            updated_at=at,
        )
        _event(rumor, TimelineEvent.Kind.VOTE_CAST, at, users[moderator], data={"round": 1})

    electorate = sum(1 for name in MODERATORS if name != demo.by)
    outcome = round_outcome((verdict for _, verdict, _ in demo.votes), electorate=electorate)
    data = {"round": 1, "tally": outcome.tally}
    if outcome.verdict:
        at += timedelta(minutes=1)
        rumor.status = Rumor.Status.RESOLVED
        rumor.verdict, rumor.verdict_reached_at = outcome.verdict, at
        round_.verdict, round_.closed_at = outcome.verdict, at
        _event(
            rumor, TimelineEvent.Kind.VERDICT_REACHED, at, data={**data, "verdict": outcome.verdict}
        )
    elif outcome.disputed:
        rumor.is_disputed = round_.is_disputed = True
        _event(rumor, TimelineEvent.Kind.DISPUTED, at, data=data)
    round_.save(update_fields=["verdict", "closed_at", "is_disputed"])
    rumor.last_activity_at = at
    rumor.save(
        update_fields=["status", "verdict", "verdict_reached_at", "is_disputed", "last_activity_at"]
    )
    return True


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Load the demo data set; returns how many rumors were added (0 when already loaded)."""
    users = {name: _user(name, moderator=True) for name in MODERATORS}
    users.update({name: _user(name) for name in MEMBERS})
    for name, hangul, slug, agency in PEOPLE:
        person, created = Person.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_hangul": hangul, "agency": agency}
        )
        if created:
            names_index(entity=person)
    for title, korean, year, slug, cast in WORKS:
        work, created = Work.objects.get_or_create(
            slug=slug, defaults={"title": title, "title_korean": korean, "year": year}
        )
        if created:
            work.cast.set(Person.objects.filter(slug__in=cast))
            names_index(entity=work)
    added = sum(_load_rumor(demo, users) for demo in RUMORS)
    return {"rumors_added": added}
