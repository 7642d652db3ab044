"""Enumerations as data: every code the records store, with its Vietnamese and English label.

Codes are stable (they travel in bundles); labels may be reworded freely. Legal sources are noted
per list; where a list is not confirmed by the text of an instrument it is marked [U] and kept
open-ended with an "other" entry."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    code: str
    vi: str
    en: str
    # Forms: counted as a direct session by default. Audiences: a special audience (Điều 17–22).
    flag: bool = False

    def label(self, language: str = "vi") -> str:
        return self.vi if language == "vi" else self.en


class Enumeration:
    def __init__(self, name: str, choices: list[Choice]):
        self.name = name
        self.choices = tuple(choices)
        self._by_code = {choice.code: choice for choice in choices}

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self.choices)

    def __getitem__(self, code: str) -> Choice:
        return self._by_code[code]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def label(self, code: str, language: str = "vi") -> str:
        choice = self._by_code.get(code)
        return choice.label(language) if choice else code


def _enum(name: str, *rows: tuple) -> Enumeration:
    return Enumeration(name, [Choice(*row) for row in rows])


# Luật PBGDPL 14/2012 Điều 11 [C], plus digital forms seen in practice [U].
SESSION_FORMS = _enum(
    "session_form",
    (
        "direct",
        "Phổ biến pháp luật trực tiếp (hội nghị, lớp học, nói chuyện)",
        "Direct session (conference, class, talk)",
        True,
    ),
    (
        "counselling",
        "Tư vấn, hướng dẫn tìm hiểu, giải đáp pháp luật",
        "Legal counselling and Q&A",
        True,
    ),
    ("materials", "Cung cấp thông tin, tài liệu pháp luật", "Handing out legal materials"),
    ("press_conference", "Họp báo, thông cáo báo chí", "Press conference or release"),
    ("mass_media", "Phương tiện thông tin đại chúng", "Mass media"),
    ("loudspeaker", "Loa truyền thanh cơ sở", "Community loudspeakers"),
    ("internet", "Cổng/trang thông tin điện tử, Internet", "Web portal or internet"),
    ("posters", "Pa-nô, áp-phích, tranh cổ động", "Posters and banners"),
    ("notice_board", "Bảng tin", "Notice board"),
    ("quiz", "Thi tìm hiểu pháp luật", "Legal quiz"),
    (
        "casework",
        "Qua xét xử, xử lý vi phạm, tiếp công dân",
        "Through trials, handling of violations, citizen reception",
    ),
    ("legal_aid", "Qua trợ giúp pháp lý", "Through legal aid"),
    ("mediation", "Qua hòa giải ở cơ sở", "Through grassroots mediation"),
    (
        "cultural",
        "Lồng ghép hoạt động văn hóa, văn nghệ, sinh hoạt cộng đồng",
        "Within cultural and community activities",
    ),
    ("legal_club", "Câu lạc bộ pháp luật", "Legal club", True),
    ("bookshelf", "Tủ sách pháp luật", "Legal bookshelf"),
    ("school", "Chương trình giáo dục trong nhà trường", "School curriculum"),
    ("online_quiz", "Thi tìm hiểu pháp luật trực tuyến", "Online legal quiz"),
    ("online_training", "Tập huấn, phổ biến trực tuyến", "Online training or session"),
    ("social_media", "Mạng xã hội (Zalo, Facebook…)", "Social networks"),
    ("video", "Video, podcast", "Video or podcast"),
    ("sms", "Tin nhắn SMS", "Text messages"),
    ("other", "Hình thức khác", "Other form"),
)

# Luật PBGDPL Điều 10 [C].
TOPICS = _enum(
    "topic",
    ("constitution", "Hiến pháp", "Constitution"),
    ("civil", "Dân sự", "Civil law"),
    ("criminal", "Hình sự", "Criminal law"),
    ("administrative", "Hành chính, xử lý vi phạm hành chính", "Administrative law"),
    ("marriage_family", "Hôn nhân và gia đình", "Marriage and family"),
    ("gender_equality", "Bình đẳng giới", "Gender equality"),
    ("land", "Đất đai", "Land"),
    ("construction", "Xây dựng", "Construction"),
    ("environment", "Bảo vệ môi trường", "Environment"),
    ("labour", "Lao động, việc làm", "Labour and employment"),
    ("education", "Giáo dục", "Education"),
    ("health", "Y tế, chăm sóc sức khỏe", "Health"),
    ("defence", "Quốc phòng", "Defence"),
    ("security", "An ninh, trật tự", "Security and public order"),
    ("traffic", "Giao thông", "Traffic"),
    ("citizens_rights", "Quyền và nghĩa vụ của công dân", "Citizens' rights and duties"),
    ("domestic_violence", "Phòng, chống bạo lực gia đình", "Domestic violence prevention"),
    ("drugs", "Phòng, chống ma túy", "Drug prevention"),
    ("new_laws", "Văn bản pháp luật mới ban hành", "Newly issued laws"),
    ("other", "Lĩnh vực khác", "Other field"),
)

# General audiences, then the special audiences of Luật PBGDPL Điều 17–22 [C] (flag = special).
AUDIENCES = _enum(
    "audience",
    ("general", "Nhân dân trên địa bàn", "Residents in general"),
    ("officials", "Cán bộ, công chức, viên chức", "Officials and public employees"),
    ("students", "Học sinh, sinh viên", "Pupils and students"),
    ("youth", "Đoàn viên, thanh niên", "Youth"),
    ("women", "Hội viên phụ nữ", "Women's union members"),
    ("elderly", "Người cao tuổi", "Older people"),
    ("farmers", "Hội viên nông dân", "Farmers"),
    ("veterans", "Cựu chiến binh", "Veterans"),
    (
        "ethnic_remote",
        "Người dân vùng dân tộc thiểu số, miền núi, biên giới, hải đảo",
        "People in ethnic-minority, mountain, border or island areas",
        True,
    ),
    ("fishermen", "Ngư dân", "Fishermen", True),
    ("enterprise_workers", "Người lao động trong doanh nghiệp", "Workers in enterprises", True),
    ("violence_victims", "Nạn nhân bạo lực gia đình", "Victims of domestic violence", True),
    ("disabled", "Người khuyết tật", "People with disabilities", True),
    (
        "detained",
        "Người đang chấp hành hình phạt tù, ở trường giáo dưỡng, cơ sở cai nghiện bắt buộc",
        "People in prison, reformatories or compulsory rehabilitation",
        True,
    ),
    (
        "ward_measures",
        "Người bị áp dụng biện pháp giáo dục tại xã, phường; người chấp hành án treo",
        "People under ward-level education measures or suspended sentences",
        True,
    ),
    ("other", "Đối tượng khác", "Other audience"),
)

MATERIAL_KINDS = _enum(
    "material_kind",
    ("leaflet", "Tờ gấp, tờ rơi", "Leaflet"),
    ("handbook", "Sách, sổ tay pháp luật", "Book or handbook"),
    ("poster", "Áp-phích, tranh cổ động", "Poster"),
    ("document", "Đề cương, tài liệu tuyên truyền", "Briefing document"),
    ("audio_video", "Đĩa, tệp âm thanh, video", "Audio or video"),
    ("other", "Tài liệu khác", "Other material"),
)

# NĐ 15/2014 Điều 5 khoản 1 [S a–d, U đ–g], grouped as the statistics count them [C, TT 20/2013].
SCOPE_GROUPS = _enum(
    "scope_group",
    ("civil", "Tranh chấp dân sự", "Civil disputes"),
    ("marriage_family", "Tranh chấp hôn nhân và gia đình", "Marriage and family disputes"),
    ("other", "Mâu thuẫn, vi phạm khác", "Other conflicts and minor violations"),
    (
        "out_of_scope",
        "Không thuộc phạm vi hòa giải ở cơ sở",
        "Outside the scope of grassroots mediation",
    ),
)

SCOPE_ITEMS = _enum(
    "scope_item",
    (
        "a",
        "a) Mâu thuẫn giữa các bên (lối sống, tính tình, lối đi, tường rào, nước, điện…)",
        "a) Conflicts between parties (ways of life, paths, walls, water, power…)",
    ),
    ("b", "b) Tranh chấp phát sinh từ quan hệ dân sự", "b) Disputes from civil relations"),
    (
        "c",
        "c) Tranh chấp phát sinh từ quan hệ hôn nhân và gia đình",
        "c) Disputes from marriage and family relations",
    ),
    (
        "d",
        "d) Vi phạm pháp luật chưa đến mức xử lý hình sự, hành chính",
        "d) Violations not yet serious enough for criminal or administrative handling",
    ),
    (
        "dd",
        "đ) Vi phạm pháp luật hình sự trong trường hợp pháp luật quy định",
        "đ) Some criminal violations, where the law allows",
    ),
    (
        "e",
        "e) Vi phạm pháp luật bị xử lý vi phạm hành chính theo quy định",
        "e) Some administrative violations, where the law allows",
    ),
    ("g", "g) Vụ, việc khác mà pháp luật không cấm", "g) Other matters the law does not forbid"),
)

RESULTS = _enum(
    "result",
    ("success", "Hòa giải thành", "Successful"),
    ("failure", "Hòa giải không thành", "Unsuccessful"),
    ("in_progress", "Đang giải quyết", "In progress"),
    ("not_started", "Chưa giải quyết", "Not started"),
)
CONCLUDED_RESULTS = frozenset({"success", "failure"})

# Luật HGCS Điều 16 [C].
BASES = _enum(
    "basis",
    ("party_request", "Một bên hoặc các bên yêu cầu", "Requested by a party"),
    (
        "mediator_witnessed",
        "Hòa giải viên chứng kiến hoặc biết vụ việc",
        "A mediator witnessed or learned of it",
    ),
    ("leader_assigned", "Theo phân công của tổ trưởng tổ hòa giải", "Assigned by the team leader"),
    (
        "organisation_proposal",
        "Theo đề nghị của cơ quan, tổ chức, cá nhân",
        "Proposed by an organisation or person",
    ),
)

# Luật HGCS Điều 23 [C].
END_REASONS = _enum(
    "end_reason",
    ("agreement", "Các bên đạt được thỏa thuận", "The parties reached agreement"),
    ("party_stopped", "Một bên hoặc các bên yêu cầu chấm dứt hòa giải", "A party asked to stop"),
    ("mediator_ended", "Hòa giải viên quyết định kết thúc hòa giải", "The mediator ended it"),
)

ROLES = _enum(
    "role",
    ("BCV", "Báo cáo viên pháp luật", "Legal reporter"),
    ("TTV", "Tuyên truyền viên pháp luật", "Legal propagandist"),
    ("HGV", "Hòa giải viên", "Mediator"),
    ("OTHER", "Vai trò khác", "Other role"),
)

ISSUERS = _enum(
    "issuer",
    ("ward_chairman", "Chủ tịch UBND cấp xã", "Commune/ward chairman"),
    ("provincial_chairman", "Chủ tịch UBND cấp tỉnh", "Provincial chairman"),
    (
        "district_chairman",
        "Chủ tịch UBND cấp huyện (trước 01/7/2025)",
        "District chairman (before 1 July 2025)",
    ),
    ("minister", "Bộ trưởng Bộ Tư pháp", "Minister of Justice"),
    ("other", "Cơ quan khác", "Other issuer"),
)

GENDERS = _enum(
    "gender",
    ("male", "Nam", "Male"),
    ("female", "Nữ", "Female"),
)

# Biểu 10c columns [C]: law / other speciality / untrained.
LAW_QUALIFICATIONS = _enum(
    "law_qualification",
    ("law", "Có trình độ chuyên môn luật", "Law qualification"),
    ("other", "Chuyên môn khác", "Other qualification"),
    ("none", "Chưa qua đào tạo chuyên môn", "No professional training"),
)

PARTY_ROLES = _enum(
    "party_role",
    ("requester", "Bên yêu cầu", "Requesting party"),
    ("respondent", "Bên được yêu cầu", "Responding party"),
    ("related", "Người có liên quan", "Related person"),
)

ALL = {
    enum.name: enum
    for enum in (
        SESSION_FORMS,
        TOPICS,
        AUDIENCES,
        MATERIAL_KINDS,
        SCOPE_GROUPS,
        SCOPE_ITEMS,
        RESULTS,
        BASES,
        END_REASONS,
        ROLES,
        ISSUERS,
        GENDERS,
        LAW_QUALIFICATIONS,
        PARTY_ROLES,
    )
}
