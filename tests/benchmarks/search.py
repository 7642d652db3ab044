"""Folded search over 100,000 sessions and 20,000 people: the list call the GUI's search box
makes (first 100 matches, natural order), median and 95th percentile per kind.

    python -m tests.benchmarks.search
"""

import random
import time

from app.db.store import Store
from app.services import records as svc
from app.text import fold
from tests.benchmarks.common import FAMILY, GIVEN_MEN, GIVEN_WOMEN, LAWS, bench_ward, percentiles

QUERIES_PER_KIND = 200


def typed_queries(rng: random.Random) -> dict[str, list[str]]:
    """What officers type: names and law words without diacritics, often only word starts."""
    people = []
    for _ in range(QUERIES_PER_KIND):
        given = fold(rng.choice(GIVEN_MEN + GIVEN_WOMEN))
        family = fold(rng.choice(FAMILY))
        people.append(
            rng.choice([f"{given} {family[:2]}", f"{family} {given}", given[:3], f"{family} v"])
        )
    sessions = []
    for _ in range(QUERIES_PER_KIND):
        words = fold(rng.choice(LAWS)[0]).split()
        pick = rng.sample(words, min(2, len(words)))
        sessions.append(
            " ".join(word[: rng.randint(min(2, len(word)), len(word))] for word in pick)
        )
        sessions[-1] += rng.choice(["", f" {rng.randint(1, 30)}", " to dan"])
    return {"people": people, "sessions": sessions}


def main() -> None:
    folder = bench_ward()
    store = Store.open(folder)
    rng = random.Random(3)
    for kind, queries in typed_queries(rng).items():
        svc.list_records(store, kind, search=queries[0])  # warm the page cache
        samples, found = [], 0
        for query in queries:
            start = time.perf_counter()
            rows = svc.list_records(store, kind, search=query, limit=100)
            samples.append((time.perf_counter() - start) * 1000)
            found += len(rows)
        median, p95 = percentiles(samples)
        print(
            f"{kind}: {len(queries)} queries, median {median:.1f} ms, p95 {p95:.1f} ms "
            f"(goal: median <= 30 ms), mean rows {found / len(queries):.0f}"
        )
    store.close()


if __name__ == "__main__":
    main()
