"""Times the API's read endpoints on a scratch database filled with many rumors and events.

    DATABASE_URL=postgres://... .venv/bin/python scripts/bench_api.py [rumors]

Creates and drops its own database (`bench_<name>`), so it never touches real data. Prints the
median time and the number of SQL queries of each request.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

RUMORS = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
EVENTS_PER_RUMOR = 8


def seed():
    from accounts.models import User
    from rumors.models import Person, Rumor, Source, TimelineEvent, Work
    from rumors.verdicts import Verdict

    user = User.objects.create(username="bench")
    people = Person.objects.bulk_create(
        Person(name=f"Actor {i}", slug=f"actor-{i}") for i in range(200)
    )
    works = Work.objects.bulk_create(
        Work(title=f"Drama {i}", slug=f"drama-{i}") for i in range(100)
    )
    now = timezone.now()
    codes = [c for c, _ in Verdict.choices] + [""] * 8
    rumors = Rumor.objects.bulk_create(
        Rumor(
            title=f"Rumor {i}",
            slug=f"rumor-{i}",
            claim=f"Claim number {i} about a clip.",
            submitted_by=user,
            verdict=codes[i % len(codes)],
            created_at=now - timedelta(minutes=RUMORS - i),
        )
        for i in range(RUMORS)
    )
    sources = Source.objects.bulk_create(
        Source(url=f"https://example.org/{i}", normalized_url=f"https://example.org/{i}")
        for i in range(RUMORS)
    )
    Rumor.sources.through.objects.bulk_create(
        Rumor.sources.through(rumor_id=r.pk, source_id=s.pk)
        for r, s in zip(rumors, sources, strict=True)
    )
    Rumor.people.through.objects.bulk_create(
        Rumor.people.through(rumor_id=r.pk, person_id=people[i % 200].pk)
        for i, r in enumerate(rumors)
    )
    Rumor.works.through.objects.bulk_create(
        Rumor.works.through(rumor_id=r.pk, work_id=works[i % 100].pk) for i, r in enumerate(rumors)
    )
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            rumor=r, kind="edited", created_at=r.created_at + timedelta(seconds=j), actor=user
        )
        for r in rumors
        for j in range(EVENTS_PER_RUMOR)
    )
    return rumors[len(rumors) // 2]


def measure(client, label, url, repeat=15, **headers):
    times, response = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        times.append((time.perf_counter() - start) * 1000)
    print(
        f"{label:<42} {response.status_code}  {statistics.median(times):7.1f} ms  "
        f"{len(queries):2d} queries"
    )
    return response


def main():
    settings.API_THROTTLE_ANON = settings.API_THROTTLE_USER = "1000000/min"
    settings.API_TIMELINE_SETTLE_SECONDS = 0
    test = connection.settings_dict["TEST"]
    if connection.vendor == "sqlite":
        test["NAME"] = str(Path(settings.VAR_DIR) / "bench.sqlite3")
    else:
        test["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        rumor = seed()
        print(
            f"{connection.vendor}: {RUMORS} rumors, {RUMORS * EVENTS_PER_RUMOR} events "
            f"seeded in {time.perf_counter() - start:.1f} s\n"
        )
        client = APIClient()
        measure(client, "rumors/ (page of 20)", "/api/v1/rumors/")
        measure(client, "rumors/?page_size=100", "/api/v1/rumors/?page_size=100")
        measure(client, "rumors/?verdict=false", "/api/v1/rumors/?verdict=false")
        measure(client, "rumors/?person=actor-7", "/api/v1/rumors/?person=actor-7")
        measure(client, "rumors/?q=number 42", "/api/v1/rumors/?q=number%2042")
        measure(
            client,
            "rumors/?ordering=-last_activity_at",
            "/api/v1/rumors/?ordering=-last_activity_at",
        )
        measure(client, "rumors/ page 100", "/api/v1/rumors/?page=100")
        detail = measure(client, "rumors/{id}/", f"/api/v1/rumors/{rumor.pk}/")
        measure(
            client,
            "rumors/{id}/ revalidated (304)",
            f"/api/v1/rumors/{rumor.pk}/",
            HTTP_IF_NONE_MATCH=detail["ETag"],
        )
        measure(client, "rumors/{id}/timeline/", f"/api/v1/rumors/{rumor.pk}/timeline/")
        first = measure(client, "timeline/?page_size=100", "/api/v1/timeline/?page_size=100")
        measure(client, "timeline/ next page", first.json()["next"])
        measure(client, "timeline/ poll, nothing new", first.json()["previous"])
        measure(client, "timeline/?person=actor-7", "/api/v1/timeline/?person=actor-7")
        measure(client, "people/", "/api/v1/people/?page_size=100")
        measure(client, "works/", "/api/v1/works/?page_size=100")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
