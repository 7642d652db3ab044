"""Real Vietnamese laws that wards disseminate, with the topic codes and audiences they suit.

`short` is how titles name a law ("Luật Đất đai 2024"); `document` is how the legal-documents
field cites it. `since` keeps a law out of sessions held before it was passed."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Law:
    short: str
    document: str
    subject: str  # "pháp luật về {subject}"
    topics: tuple[str, ...]  # enums.TOPICS codes
    audiences: tuple[str, ...]  # enums.AUDIENCES codes it is often presented to
    weight: int  # how often wards choose it
    since: date = date(2000, 1, 1)
    companion: str = ""  # a decree often presented with it


LAWS = (
    Law("Hiến pháp năm 2013", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013",
        "quyền và nghĩa vụ cơ bản của công dân", ("constitution", "citizens_rights"),
        ("general", "officials", "students", "youth"), 5),
    Law("Luật Đất đai 2024", "Luật Đất đai số 31/2024/QH15", "đất đai", ("land", "new_laws"),
        ("general", "farmers", "elderly", "officials"), 14,
        companion="Nghị định số 102/2024/NĐ-CP quy định chi tiết thi hành Luật Đất đai"),
    Law("Bộ luật Dân sự 2015", "Bộ luật Dân sự số 91/2015/QH13", "dân sự", ("civil",),
        ("general", "elderly"), 6),
    Law("Luật Hôn nhân và gia đình 2014", "Luật Hôn nhân và gia đình số 52/2014/QH13",
        "hôn nhân và gia đình", ("marriage_family",), ("general", "women", "youth"), 8),
    Law("Luật Phòng, chống bạo lực gia đình 2022",
        "Luật Phòng, chống bạo lực gia đình số 13/2022/QH15", "phòng, chống bạo lực gia đình",
        ("domestic_violence", "gender_equality", "marriage_family"),
        ("women", "violence_victims", "general"), 9),
    Law("Luật Trật tự, an toàn giao thông đường bộ 2024",
        "Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15",
        "trật tự, an toàn giao thông đường bộ", ("traffic", "new_laws"),
        ("general", "students", "youth", "enterprise_workers"), 12,
        companion="Nghị định số 168/2024/NĐ-CP về xử phạt vi phạm hành chính về trật tự, "
        "an toàn giao thông trong lĩnh vực giao thông đường bộ"),
    Law("Luật Đường bộ 2024", "Luật Đường bộ số 35/2024/QH15", "đường bộ",
        ("traffic", "new_laws"), ("general", "youth"), 3),
    Law("Luật Hòa giải ở cơ sở 2013", "Luật Hòa giải ở cơ sở số 35/2013/QH13",
        "hòa giải ở cơ sở", ("civil", "citizens_rights"), ("general", "officials", "elderly"), 6,
        companion="Nghị định số 15/2014/NĐ-CP quy định chi tiết một số điều và biện pháp thi "
        "hành Luật Hòa giải ở cơ sở"),
    Law("Luật Phổ biến, giáo dục pháp luật 2012", "Luật Phổ biến, giáo dục pháp luật số "
        "14/2012/QH13", "phổ biến, giáo dục pháp luật", ("citizens_rights",),
        ("officials", "general"), 3),
    Law("Luật Cư trú 2020", "Luật Cư trú số 68/2020/QH14", "cư trú",
        ("administrative", "citizens_rights"), ("general", "students", "enterprise_workers"), 6),
    Law("Luật Căn cước 2023", "Luật Căn cước số 26/2023/QH15", "căn cước và định danh điện tử",
        ("administrative", "citizens_rights", "new_laws"), ("general", "elderly", "students"), 7),
    Law("Luật Phòng, chống ma túy 2021", "Luật Phòng, chống ma túy số 73/2021/QH14",
        "phòng, chống ma túy", ("drugs", "health", "security"),
        ("youth", "students", "ward_measures", "detained", "general"), 9),
    Law("Luật Bảo vệ môi trường 2020", "Luật Bảo vệ môi trường số 72/2020/QH14",
        "bảo vệ môi trường", ("environment",), ("general", "farmers", "enterprise_workers"), 6),
    Law("Luật Xử lý vi phạm hành chính 2012", "Luật Xử lý vi phạm hành chính số 15/2012/QH13",
        "xử lý vi phạm hành chính", ("administrative",), ("officials", "ward_measures"), 4,
        companion="Nghị định số 120/2021/NĐ-CP quy định chi tiết biện pháp xử lý hành chính "
        "giáo dục tại xã, phường, thị trấn"),
    Law("Bộ luật Hình sự 2015", "Bộ luật Hình sự số 100/2015/QH13", "hình sự", ("criminal",),
        ("youth", "detained", "ward_measures"), 4),
    Law("Luật Thi hành án hình sự 2019", "Luật Thi hành án hình sự số 41/2019/QH14",
        "thi hành án hình sự", ("criminal", "citizens_rights"), ("ward_measures", "detained"), 2),
    Law("Bộ luật Lao động 2019", "Bộ luật Lao động số 45/2019/QH14", "lao động",
        ("labour",), ("enterprise_workers", "youth"), 4),
    Law("Luật Bình đẳng giới 2006", "Luật Bình đẳng giới số 73/2006/QH11", "bình đẳng giới",
        ("gender_equality",), ("women", "general"), 3),
    Law("Luật Nghĩa vụ quân sự 2015", "Luật Nghĩa vụ quân sự số 78/2015/QH13",
        "nghĩa vụ quân sự", ("defence",), ("youth", "students"), 3),
    Law("Luật Người cao tuổi 2009", "Luật Người cao tuổi số 39/2009/QH12", "người cao tuổi",
        ("citizens_rights",), ("elderly", "veterans"), 3),
    Law("Luật Người khuyết tật 2010", "Luật Người khuyết tật số 51/2010/QH12",
        "người khuyết tật", ("citizens_rights", "health"), ("disabled", "general"), 2),
    Law("Luật Trẻ em 2016", "Luật Trẻ em số 102/2016/QH13", "quyền trẻ em",
        ("citizens_rights", "education"), ("women", "students", "general"), 3),
    Law("Luật Giáo dục 2019", "Luật Giáo dục số 43/2019/QH14", "giáo dục", ("education",),
        ("students", "general"), 2),
    Law("Luật Bảo hiểm y tế", "Luật Bảo hiểm y tế số 25/2008/QH12 (sửa đổi, bổ sung năm 2024)",
        "bảo hiểm y tế", ("health",), ("general", "elderly", "disabled", "farmers"), 3),
    Law("Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024",
        "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15",
        "phòng cháy, chữa cháy", ("security", "new_laws"),
        ("general", "enterprise_workers", "officials"), 5),
    Law("Luật Thực hiện dân chủ ở cơ sở 2022", "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15",
        "thực hiện dân chủ ở cơ sở", ("citizens_rights",), ("general", "officials", "veterans"),
        3),
    Law("Luật An ninh mạng 2018", "Luật An ninh mạng số 24/2018/QH14", "an ninh mạng",
        ("security",), ("youth", "students", "officials"), 3),
    Law("Luật Xây dựng 2014", "Luật Xây dựng số 50/2014/QH13", "xây dựng", ("construction",),
        ("general",), 2),
    Law("Luật Thủy sản 2017", "Luật Thủy sản số 18/2017/QH14", "thủy sản",
        ("other", "environment"), ("fishermen",), 1),
    Law("Luật Lâm nghiệp 2017", "Luật Lâm nghiệp số 16/2017/QH14", "lâm nghiệp",
        ("environment",), ("ethnic_remote", "farmers"), 1),
    Law("Luật Tổ chức chính quyền địa phương 2025",
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15", "tổ chức chính quyền địa phương",
        ("administrative", "new_laws"), ("officials", "general"), 4, since=date(2025, 6, 16)),
    Law("Luật Bảo vệ dữ liệu cá nhân 2025", "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15",
        "bảo vệ dữ liệu cá nhân", ("citizens_rights", "security", "new_laws"),
        ("general", "officials", "youth"), 3, since=date(2025, 6, 26)),
)  # fmt: skip

# How a title names an audience other than residents in general ("… cho hội viên phụ nữ").
AUDIENCE_PHRASES = {
    "officials": "cán bộ, công chức {unit}",
    "students": "học sinh",
    "youth": "đoàn viên, thanh niên",
    "women": "hội viên phụ nữ",
    "elderly": "người cao tuổi",
    "farmers": "hội viên nông dân",
    "veterans": "hội viên cựu chiến binh",
    "ethnic_remote": "đồng bào dân tộc thiểu số",
    "fishermen": "ngư dân",
    "enterprise_workers": "người lao động trong doanh nghiệp",
    "violence_victims": "phụ nữ, trẻ em là nạn nhân bạo lực gia đình",
    "disabled": "người khuyết tật",
    "detained": "học viên cơ sở cai nghiện bắt buộc",
    "ward_measures": "người đang chấp hành án treo, người bị áp dụng biện pháp giáo dục tại {unit}",
    "other": "hộ kinh doanh",
}


def laws_on(day: date) -> tuple[Law, ...]:
    return tuple(law for law in LAWS if law.since <= day)


def for_audience(audience: str, day: date) -> tuple[Law, ...]:
    """Laws usually presented to this audience; every audience has at least one."""
    return tuple(law for law in laws_on(day) if audience in law.audiences)
