"""Shared pieces of the benchmarks: timing, peak memory, realistic rows, a reusable database."""

import random
import resource
import statistics
import time
from pathlib import Path

from app import enums

BENCH_DIR = Path("bench-data")

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE_MEN = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân"]
MIDDLE_WOMEN = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng"]
GIVEN_MEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Hùng", "Khánh", "Long", "Nam", "Sơn", "Tuấn"]
GIVEN_WOMEN = ["Anh", "Châu", "Dung", "Hà", "Hằng", "Hoa", "Lan", "Linh", "Mai", "Nga", "Yến"]
LAWS = [
    ("Luật Đất đai 2024", "land"),
    ("Bộ luật Dân sự 2015", "civil"),
    ("Luật Hôn nhân và gia đình 2014", "marriage_family"),
    ("Luật Phòng, chống bạo lực gia đình 2022", "domestic_violence"),
    ("Luật Trật tự, an toàn giao thông đường bộ 2024", "traffic"),
    ("Luật Hòa giải ở cơ sở 2013", "other"),
    ("Luật Cư trú 2020", "citizens_rights"),
    ("Luật Căn cước 2023", "citizens_rights"),
]


def elapsed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def person_name(rng: random.Random) -> tuple[str, str]:
    gender = rng.choice(["male", "female"])
    middle = MIDDLE_MEN if gender == "male" else MIDDLE_WOMEN
    given = GIVEN_MEN if gender == "male" else GIVEN_WOMEN
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}", gender


def person_data(rng: random.Random) -> dict:
    name, gender = person_name(rng)
    return {
        "full_name": name,
        "gender": gender,
        "birth_year": rng.randint(1950, 2000),
        "hamlet": f"Tổ dân phố số {rng.randint(1, 30)}",
        "roles": [
            {
                "role": rng.choice(["TTV", "BCV"]),
                "decision_number": f"{rng.randint(1, 300)}/QĐ-UBND",
            }
        ],
    }


def session_data(rng: random.Random, presenters: list[str]) -> dict:
    law, topic = rng.choice(LAWS)
    hamlet = f"Tổ dân phố số {rng.randint(1, 30)}"
    form = rng.choice(enums.SESSION_FORMS.codes)
    attendees = rng.randint(20, 200)
    return {
        "title": f"Tuyên truyền {law} tại {hamlet}",
        "held_on": f"{rng.randint(2020, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "hamlet": hamlet,
        "place": f"Nhà văn hóa {hamlet}",
        "form": form,
        "topics": [topic],
        "legal_documents": [law],
        "audiences": rng.sample(enums.AUDIENCES.codes, 2),
        "attendees": attendees,
        "attendees_women": attendees // 2,
        "presenters": rng.sample(presenters, 1) if presenters else [],
        "materials": [{"kind": "leaflet", "copies": rng.randint(10, 200)}],
        "funding_regular": rng.randint(0, 50) * 100_000,
        "notes": "Buổi tuyên truyền diễn ra nghiêm túc, người dân tham gia đông đủ.",
    }


def bench_ward(sessions: int = 100_000, people: int = 20_000) -> Path:
    """A ward folder with `sessions` sessions and `people` people, built once through the
    services and reused by later benchmarks (delete bench-data/ to rebuild)."""
    from app.db.store import Store
    from app.services import records as svc
    from app.services.setup import set_up

    folder = BENCH_DIR / f"ward-{sessions}-{people}"
    if (folder / "tiepcan.db").exists():
        return folder
    store = set_up(folder, "ward", "00167", province="01", officer="Benchmark").store
    rng = random.Random(7)
    uuids: list[str] = []
    for start in range(0, people, 2_000):
        batch = [person_data(rng) for _ in range(min(2_000, people - start))]
        uuids += [p["uuid"] for p in svc.create_many(store, "people", batch)]
    for start in range(0, sessions, 2_000):
        batch = [session_data(rng, uuids) for _ in range(min(2_000, sessions - start))]
        svc.create_many(store, "sessions", batch)
    store.close()
    Store.open(folder).close()
    return folder
