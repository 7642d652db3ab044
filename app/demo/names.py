"""Vietnamese personal names for demonstration people and mediation parties.

Family names are weighted roughly as they occur nationally (Nguyễn about four in ten), so a list
of 300 people looks like a real ward's. Women born before 1975 mostly carry the middle name Thị;
younger people more often have other middle names, as in the population."""

import random

# (family name, relative weight): the usual national shares, rounded.
FAMILY_NAMES = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 40),
    ("Huỳnh", 15),
    ("Phan", 45),
    ("Vũ", 30),
    ("Võ", 12),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 8),
    ("Trịnh", 6),
    ("Đào", 6),
    ("Mai", 4),
    ("Cao", 4),
    ("Lương", 3),
    ("Tạ", 3),
    ("Chu", 3),
    ("Kiều", 2),
    ("Lưu", 2),
    ("Tô", 2),
    ("Hà", 3),
    ("Triệu", 2),
    ("Khúc", 1),
)
_FAMILY, _FAMILY_WEIGHTS = zip(*FAMILY_NAMES, strict=True)

MALE_MIDDLE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Ngọc", "Xuân", "Thanh", "Công", "Mạnh",
               "Tiến", "Trọng", "Hoàng", "Anh", "Duy", "Thế", "Đình", "Huy", "Bá", "Trung")  # fmt: skip
FEMALE_MIDDLE = ("Ngọc", "Thu", "Thanh", "Minh", "Thúy", "Hồng", "Kim", "Phương", "Bích", "Mai",
                 "Hoài", "Khánh", "Thùy", "Diệu", "Quỳnh")  # fmt: skip

MALE_GIVEN = ("Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Sơn", "Long", "Nam", "Thắng", "Quang",
              "Cường", "Đức", "Trung", "Hiếu", "Bình", "Phong", "Khánh", "Thành", "Tùng", "Hưng",
              "Việt", "Lâm", "Hòa", "Toàn", "Đạt", "Huy", "Kiên", "Lợi", "Nghĩa", "Phúc", "Quân",
              "Tâm", "Thịnh", "Vinh", "An", "Chiến", "Công", "Định", "Giang", "Hậu", "Tiến",
              "Thái", "Hoàng", "Vượng", "Bảo")  # fmt: skip
FEMALE_GIVEN = ("Lan", "Hương", "Hoa", "Mai", "Hằng", "Thủy", "Nga", "Hạnh", "Loan", "Phương",
                "Trang", "Linh", "Ngọc", "Thảo", "Yến", "Dung", "Hà", "Hiền", "Huyền", "Liên",
                "Nhung", "Oanh", "Quyên", "Tâm", "Thơ", "Thu", "Vân", "Xuân", "Anh", "Châu",
                "Diệp", "Giang", "Hồng", "Lệ", "My", "Nhàn", "Phượng", "Thắm", "Thanh", "Uyên",
                "Bích", "Chi", "Duyên", "Hậu", "Ly")  # fmt: skip

# Ethnic minorities with the family names they commonly carry. Most use Vietnamese middle and
# given names; H'Mông names follow their own pattern (middle name "A" for men, "Thị" for women).
ETHNIC_GROUPS = (
    ("Tày", ("Hoàng", "Nông", "Lương", "Bế", "Ma")),
    ("Nùng", ("Hoàng", "Nông", "Lục", "Vi")),
    ("Mường", ("Bùi", "Đinh", "Quách")),
    ("Thái", ("Lò", "Lường", "Cầm", "Vi")),
    ("Dao", ("Triệu", "Bàn", "Đặng")),
    ("H'Mông", ("Giàng", "Sùng", "Vàng", "Thào")),
    ("Hoa", ("Lý", "Trương", "Quách", "Lâm")),
)
HMONG_MALE_GIVEN = ("Páo", "Chứ", "Dế", "Lử", "Sình", "Tủa")
HMONG_FEMALE_GIVEN = ("Mỷ", "Dúa", "Sua", "Mẩy", "Pàng", "Chá")

GENDERS = ("male", "female")


def family_name(rng: random.Random) -> str:
    return rng.choices(_FAMILY, weights=_FAMILY_WEIGHTS)[0]


def full_name(rng: random.Random, gender: str, birth_year: int, family: str | None = None) -> str:
    """A name such as "Nguyễn Thị Hương"; `family` keeps a family name shared by relatives."""
    family = family or family_name(rng)
    if gender == "female":
        thi_share = 0.8 if birth_year < 1975 else 0.45
        middle = "Thị" if rng.random() < thi_share else rng.choice(FEMALE_MIDDLE)
        given = rng.choice(FEMALE_GIVEN)
    else:
        van_share = 0.55 if birth_year < 1975 else 0.3
        middle = "Văn" if rng.random() < van_share else rng.choice(MALE_MIDDLE)
        given = rng.choice(MALE_GIVEN)
    if middle == given:  # "Nguyễn Minh Minh" exists but reads like a typo in a demo
        middle = "Văn" if gender == "male" else "Thị"
    return f"{family} {middle} {given}"


def minority_name(rng: random.Random, gender: str, birth_year: int) -> tuple[str, str]:
    """(ethnic group, full name) for a member of an ethnic minority."""
    group, families = rng.choice(ETHNIC_GROUPS)
    family = rng.choice(families)
    if group == "H'Mông":
        if gender == "female":
            return group, f"{family} Thị {rng.choice(HMONG_FEMALE_GIVEN)}"
        return group, f"{family} A {rng.choice(HMONG_MALE_GIVEN)}"
    return group, full_name(rng, gender, birth_year, family)


def honorific(gender: str, birth_year: int, on_year: int = 2025) -> str:
    """How a logbook refers to a party: ông/bà from middle age, anh/chị below it."""
    older = on_year - birth_year >= 45
    if gender == "female":
        return "bà" if older else "chị"
    return "ông" if older else "anh"
