"""Places inside a ward: residential groups, addresses, venues and the local organisations that
co-organise outreach sessions."""

import random

from app.demo.context import Ward

# Communes are divided into thôn; these are common names, then numbered ones.
THON_NAMES = ("Thôn Đông", "Thôn Đoài", "Thôn Thượng", "Thôn Hạ", "Thôn Trung", "Thôn Bắc",
              "Thôn Nam", "Thôn Đình", "Thôn Chùa", "Thôn Mới", "Thôn Tân Lập", "Thôn Phú Mỹ",
              "Thôn An Hòa", "Thôn Yên Bình")  # fmt: skip

STREETS = ("Trần Duy Hưng", "Nguyễn Khang", "Dương Quảng Hàm", "Xuân Thủy", "Cầu Giấy",
           "Trần Thái Tông", "Nguyễn Văn Huyên", "Hoàng Quốc Việt", "Trung Kính", "Quan Hoa",
           "Dịch Vọng Hậu", "Tô Hiệu", "Nguyễn Phong Sắc", "Thành Thái")  # fmt: skip

SCHOOLS = ("Trường THCS Nguyễn Du", "Trường THCS Lê Lợi", "Trường Tiểu học Kim Đồng",
           "Trường Tiểu học Lý Tự Trọng", "Trường THPT Trần Phú", "Trường THCS Nguyễn Trãi",
           "Trường Tiểu học Võ Thị Sáu")  # fmt: skip

ENTERPRISES = ("Công ty TNHH May mặc Minh Phát", "Công ty Cổ phần Xây dựng Hưng Thịnh",
               "Công ty TNHH Cơ khí Thành Công", "Công ty Cổ phần Thực phẩm An Bình",
               "Công ty TNHH Điện tử Việt Hưng")  # fmt: skip

# Local bodies that co-organise sessions; "{unit}" becomes "phường Cầu Giấy".
CO_ORGANISERS = ("Ủy ban Mặt trận Tổ quốc Việt Nam {unit}", "Hội Liên hiệp Phụ nữ {unit}",
                 "Đoàn Thanh niên Cộng sản Hồ Chí Minh {unit}", "Hội Cựu chiến binh {unit}",
                 "Hội Người cao tuổi {unit}", "Công an {unit}", "Hội Nông dân {unit}",
                 "Trạm Y tế {unit}")  # fmt: skip
LEGAL_AID_CENTRE = "Trung tâm Trợ giúp pháp lý nhà nước {province}"

DETENTION_PLACES = ("Cơ sở cai nghiện ma túy số 1", "Cơ sở cai nghiện ma túy số 2")
HARBOUR = "Khu neo đậu tàu thuyền, bến cá"


def hamlets(ward: Ward, count: int) -> list[str]:
    """The ward's residential groups, in their usual order."""
    if ward.rural:
        named = list(THON_NAMES[:count])
        return named + [f"Thôn số {i}" for i in range(len(named) + 1, count + 1)]
    return [f"Tổ dân phố số {i}" for i in range(1, count + 1)]


def hamlet_head(ward: Ward) -> str:
    """The elected head of a residential group."""
    return "Trưởng thôn" if ward.rural else "Tổ trưởng tổ dân phố"


def address(rng: random.Random, ward: Ward, hamlet: str) -> str:
    if ward.rural:
        return f"Xóm {rng.randint(1, 8)}, {hamlet}, {ward.name}"
    house, lane = rng.randint(1, 120), rng.randint(2, 250)
    street = rng.choice(STREETS)
    return f"Số {house}, ngõ {lane} {street}, {hamlet}, {ward.name}"


def cultural_house(ward: Ward, hamlet: str) -> str:
    return f"Nhà văn hóa {lower_first(hamlet)}"


def lower_first(name: str) -> str:
    """ "Tổ dân phố số 3" inside a sentence reads "tổ dân phố số 3"."""
    return name[:1].lower() + name[1:]


def ward_hall(ward: Ward) -> str:
    return f"Hội trường {ward.committee}"


def co_organiser(rng: random.Random, ward: Ward) -> str:
    return rng.choice(CO_ORGANISERS).format(unit=ward.in_text)


def legal_aid_centre(ward: Ward) -> str:
    return LEGAL_AID_CENTRE.format(province=ward.province)
