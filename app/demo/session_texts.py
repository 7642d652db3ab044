"""Per-form data for outreach sessions: how wards word the titles, how often each form is used,
how many people attend, what it usually costs and which materials it hands out.

Title placeholders: {law} the law's short name, {subject} "đất đai", {at} " tại …",
{for_} " cho …" (empty for residents in general), {unit} "phường Cầu Giấy", {year},
{group} the residential group or the ward."""

# (form code, relative weight): direct sessions and loudspeakers dominate a ward's year.
FORM_WEIGHTS = (
    ("direct", 30), ("counselling", 8), ("materials", 6), ("press_conference", 0.5),
    ("mass_media", 3), ("loudspeaker", 8), ("internet", 5), ("posters", 4), ("notice_board", 4),
    ("quiz", 2), ("casework", 3), ("legal_aid", 2), ("mediation", 3), ("cultural", 3),
    ("legal_club", 4), ("bookshelf", 2), ("school", 3), ("online_quiz", 1.5),
    ("online_training", 1), ("social_media", 6), ("video", 1.5), ("sms", 1), ("other", 1),
)  # fmt: skip

TITLES = {
    "direct": ("Hội nghị tuyên truyền {law}{at}{for_}",
               "Buổi nói chuyện chuyên đề pháp luật về {subject}{for_}{at}",
               "Lớp phổ biến {law}{for_}{at}"),
    "counselling": ("Tư vấn, giải đáp pháp luật về {subject}{for_}{at}",),
    "materials": ("Cấp phát tờ gấp, tài liệu tìm hiểu {law}{for_}",),
    "press_conference": ("Thông cáo báo chí về kết quả phổ biến {law} trên địa bàn {unit}",),
    "mass_media": ("Bài viết giới thiệu {law} trên Bản tin {unit}",),
    "loudspeaker": ("Phát thanh tuyên truyền {law} trên hệ thống loa truyền thanh {unit}",),
    "internet": ("Đăng tải tin bài giới thiệu {law} trên Trang thông tin điện tử {unit}",),
    "posters": ("Treo pa-nô, áp-phích tuyên truyền {law}{at}",),
    "notice_board": ("Niêm yết tài liệu về {law} tại bảng tin {group}",),
    "quiz": ("Cuộc thi tìm hiểu {law} năm {year}{for_}",),
    "casework": ("Giải thích pháp luật về {subject} qua tiếp công dân tại UBND {unit}",),
    "legal_aid": ("Trợ giúp pháp lý lưu động về {subject}{for_}{at}",),
    "mediation": ("Lồng ghép phổ biến pháp luật về {subject} qua hòa giải ở cơ sở{at}",),
    "cultural": ("Sân khấu hóa tuyên truyền {law}{at}",
                 "Lồng ghép tuyên truyền pháp luật về {subject} trong sinh hoạt cộng đồng{at}"),
    "legal_club": ("Sinh hoạt Câu lạc bộ pháp luật: chuyên đề {subject}{at}",),
    "bookshelf": ("Bổ sung sách, tài liệu về {subject} cho Tủ sách pháp luật {unit}",),
    "school": ("Tuyên truyền {law} cho học sinh{at}",),
    "online_quiz": ("Cuộc thi trực tuyến tìm hiểu {law} năm {year}",),
    "online_training": ("Hội nghị trực tuyến giới thiệu {law}{for_}",),
    "social_media": ("Đăng tải nội dung {law} trên nhóm Zalo {group}",
                     "Chia sẻ infographic về {subject} trên trang Facebook của UBND {unit}"),
    "video": ("Phát hành video clip tuyên truyền {law}",),
    "sms": ("Nhắn tin tuyên truyền pháp luật về {subject} đến thuê bao trên địa bàn",),
    "other": ("Tuyên truyền lưu động bằng xe loa về {law}",),
}  # fmt: skip

# Forms held as a gathering of people: they have a place, a start time, presenters, attendees.
GATHERINGS = frozenset({"direct", "counselling", "legal_club", "cultural", "legal_aid", "school",
                        "mediation", "casework", "press_conference", "online_training"})  # fmt: skip
# Forms whose title names an audience well; special audiences are placed on these.
AUDIENCE_FORMS = ("direct", "counselling", "legal_club", "legal_aid", "cultural")

ATTENDANCE = {
    "direct": (30, 200), "counselling": (10, 60), "legal_club": (20, 60), "cultural": (80, 400),
    "school": (100, 600), "legal_aid": (15, 60), "mediation": (4, 15), "casework": (3, 20),
    "online_training": (30, 150), "press_conference": (8, 25),
}  # fmt: skip
SPLIT_FORMS = frozenset({"direct", "counselling", "legal_club", "legal_aid", "cultural"})

# Typical cost in đồng (low, high) from the session budget; forms not listed cost nothing.
FUNDING = {
    "direct": (500_000, 5_000_000), "counselling": (300_000, 2_000_000),
    "materials": (1_000_000, 8_000_000), "posters": (1_000_000, 10_000_000),
    "quiz": (3_000_000, 20_000_000), "online_quiz": (2_000_000, 15_000_000),
    "cultural": (2_000_000, 15_000_000), "legal_club": (300_000, 1_500_000),
    "school": (500_000, 3_000_000), "video": (2_000_000, 10_000_000),
    "bookshelf": (1_000_000, 5_000_000), "loudspeaker": (0, 500_000),
    "legal_aid": (500_000, 2_000_000),
}  # fmt: skip

# (material kind, title template, copies low, high, posted online)
MATERIALS = {
    "direct": ("leaflet", "Tờ gấp tìm hiểu {law}", 50, 300, False),
    "counselling": ("leaflet", "Tờ gấp hỏi - đáp pháp luật về {subject}", 20, 100, False),
    "materials": ("handbook", "Sổ tay hỏi - đáp {law}", 200, 2000, False),
    "posters": ("poster", "Áp-phích tuyên truyền {law}", 5, 40, False),
    "notice_board": ("document", "Đề cương giới thiệu {law}", 1, 5, False),
    "bookshelf": ("handbook", "Sách pháp luật về {subject}", 10, 60, False),
    "internet": ("document", "Đề cương giới thiệu {law}", 1, 1, True),
    "social_media": ("document", "Infographic về {subject}", 1, 3, True),
    "video": ("audio_video", "Video clip về {law}", 1, 5, True),
    "school": ("leaflet", "Tờ gấp pháp luật về {subject} dành cho học sinh", 100, 500, False),
    "cultural": ("leaflet", "Tờ gấp tìm hiểu {law}", 100, 400, False),
}  # fmt: skip

START_TIMES = ("07:30", "08:00", "08:30", "09:00", "14:00", "14:30", "19:30")
LAW_DAY_PREFIX = "Hưởng ứng Ngày Pháp luật Việt Nam 09/11: "
