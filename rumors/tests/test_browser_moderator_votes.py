"""A moderator logs in, works through the queue and casts the vote that reaches the verdict,
driving Chromium through the real forms. The rumor page after the verdict is saved under
var/screenshots/ at phone and desktop widths."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from playwright.sync_api import expect

from accounts.tests.factories import ModeratorFactory, totp_code
from rumors.models import Rumor, TimelineEvent
from rumors.services.evidence import evidence_submit
from rumors.services.votes import vote_cast
from rumors.tests.factories import PersonFactory, RumorFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct-horse-battery"  # what the user factories set
WIDTHS = {"phone": 360, "desktop": 1280}


def log_in(page, username: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # Moderators have a TOTP device (ModeratorFactory): the second step asks for its code.
    page.get_by_label("Code from your authenticator app").fill(totp_code())
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def queue_row(page, title: str):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=title))


@pytest.fixture
def rumor_two_votes_in():
    """An open rumor with accepted evidence and two agreeing votes, between two other rumors
    in the queue."""
    kim = PersonFactory(name="Kim Da-mi", name_hangul="김다미", slug="kim-da-mi")
    older = RumorFactory(title="Older clip: the café date")
    rumor = RumorFactory(title="Deepfake airport clip", people=[kim])
    newer = RumorFactory(title="Newer clip: the wedding photo")
    now = rumor.created_at
    Rumor.objects.filter(pk=older.pk).update(created_at=now - timedelta(days=3))
    Rumor.objects.filter(pk=rumor.pk).update(created_at=now - timedelta(days=2))
    Rumor.objects.filter(pk=newer.pk).update(created_at=now - timedelta(hours=1))
    evidence_submit(
        user=ModeratorFactory(), rumor=rumor, kind="original_footage", stance="refutes",
        url="https://www.youtube.com/watch?v=AirportOriginal", note="The original arrival clip.",
    )  # fmt: skip
    for name, rationale in [
        ("Seo-yeon", "Her face flickers at the jawline at 0:06."),
        ("Ji-hoon", "The original arrival clip shows another actress."),
    ]:
        vote_cast(
            moderator=ModeratorFactory(display_name=name),
            rumor=rumor,
            verdict="ai_generated",
            rationale=rationale,
        )
    return rumor


def test_moderator_works_through_the_queue_and_casts_the_deciding_vote(page, rumor_two_votes_in):
    rumor = rumor_two_votes_in
    moderator = ModeratorFactory(display_name="Min-jun")
    log_in(page, moderator.username)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Moderation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")
    titles = page.locator("table.queue tbody tr a")
    expect(titles).to_have_text(
        ["Older clip: the café date", "Deepfake airport clip", "Newer clip: the wedding photo"]
    )
    row = queue_row(page, "Deepfake airport clip")
    expect(row).to_contain_text("Kim Da-mi")
    # Evidence, proposals, votes: each count is named by its column header.
    headers = page.get_by_role("columnheader")
    expect(headers).to_have_text(["Rumor", "Waiting since", "Evidence", "Proposals", "Votes"])
    expect(row.get_by_role("cell")).to_have_text(
        [re.compile("Deepfake airport clip"), "2 days ago", "1", "0", "2"]
    )

    # The filters: a rumor with two of three votes still needs votes, but not evidence.
    show = page.get_by_label("Show")
    expect(show.locator("option")).to_have_text(
        ["All awaiting review", "Needs evidence", "Needs votes", "Disputed"]
    )
    show.select_option(label="Needs evidence")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Older clip: the café date")).to_be_visible()
    expect(queue_row(page, "Deepfake airport clip")).to_have_count(0)
    page.get_by_label("Show").select_option(label="Needs votes")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_label("Show")).to_have_value("needs_votes")
    page.get_by_role("link", name="Deepfake airport clip").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Deepfake airport clip")
    verdict_box = page.get_by_role("region", name="Verdict")
    expect(verdict_box).to_contain_text("No verdict yet.")
    # Before the verdict the tally is public, the rationales are not.
    expect(verdict_box).not_to_contain_text("flickers at the jawline")

    vote_form = page.get_by_role("form", name="Vote a verdict")
    verdicts = vote_form.get_by_role("group", name="Verdict")
    verdicts.get_by_label("AI-generated").check()
    vote_form.get_by_label("Rationale").fill("Same airport, but the 2019 footage shows her twin.")
    vote_form.get_by_role("button", name="Cast vote").click()

    expect(page.get_by_role("status")).to_contain_text("Your vote is recorded.")
    verdict_box = page.get_by_role("region", name="Verdict")
    expect(verdict_box.locator(".verdict-now")).to_contain_text("AI-generated")
    expect(verdict_box).to_contain_text("by 3 moderators")
    rationales = verdict_box.locator("ul.rationales li")
    # Display names are shown with the username: nobody passes for another moderator.
    expect(rationales).to_have_text(
        [
            re.compile(r"^Seo-yeon \(@\w+\) · AI-generated: Her face flickers at the jawline"),
            re.compile(r"^Ji-hoon \(@\w+\) · AI-generated: The original arrival clip shows"),
            re.compile(r"^Min-jun \(@\w+\) · AI-generated: Same airport, but the 2019 footage"),
        ]
    )
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline.get_by_role("listitem").last).to_contain_text("Verdict reached")
    expect(timeline.get_by_role("listitem").last).to_contain_text("AI-generated")
    # With the round closed, the vote form gives way to the reopen form.
    expect(page.get_by_role("form", name="Vote a verdict")).to_have_count(0)
    expect(page.get_by_role("form", name="Reopen for a new round")).to_be_visible()

    rumor.refresh_from_db()
    assert (rumor.status, rumor.verdict) == (Rumor.Status.RESOLVED, "ai_generated")
    assert rumor.events.filter(kind=TimelineEvent.Kind.VERDICT_REACHED).count() == 1

    folder = settings.VAR_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for device, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"the rumor page is {overflow}px wider than a {device} screen"
        path = folder / f"rumor-after-verdict-{device}.png"
        page.screenshot(path=path, full_page=True)
        assert path.stat().st_size > 10_000

    # The queue no longer lists the settled rumor.
    page.get_by_role("link", name="Moderation").click()
    expect(page.get_by_role("link", name="Older clip: the café date")).to_be_visible()
    expect(queue_row(page, "Deepfake airport clip")).to_have_count(0)
