"""What grassroots mediation cases are about, written as a ward's logbook words them.

Placeholders: {a}/{b} the requesting/responding party in full ("ông Nguyễn Văn Hùng"), {a1}/{b1}
the short form ("ông Hùng"), capitalised {A}, {A1}, {B1} to open a sentence; {hamlet}; {unit}
("phường Cầu Giấy"); {m} a width in metres; {area} m²; {money}, {monthly}, {small} sums in đồng;
{year} a past year; {child} a child's name; {months} a number of months."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseTemplate:
    scope_group: str  # enums.SCOPE_GROUPS
    scope_item: str | None  # enums.SCOPE_ITEMS, matching the group (a, d → other; b → civil; c)
    tags: tuple[str, ...]
    relation: str  # how the parties are related: see cases.PARTY_MAKERS
    title: str
    summary: str
    agreement: str  # the agreement when mediation succeeds
    demands: str  # each party's demand when it does not
    referral: str  # where unsuccessful parties are guided
    weight: int
    public: float = 0.97  # share mediated in public (Điều 17: parties may ask otherwise)
    invited: str = ""  # the role of a person often invited (Điều 19)


COURT = "Hướng dẫn các bên khởi kiện tại Tòa án nhân dân khu vực có thẩm quyền"
COMMITTEE = "Hướng dẫn các bên đề nghị UBND {unit} giải quyết theo thẩm quyền"

TEMPLATES = (
    CaseTemplate("other", "a", ("lối đi chung", "hàng xóm"), "neighbours",
        "Tranh chấp lối đi chung giữa hộ {a} và hộ {b}",
        "{A} trình bày: hộ {b1} xây tường rào lấn ra lối đi chung khoảng {m} m, lối vào nhà {a1} "
        "chỉ còn chưa đến 1 m, xe máy không đi qua được. {B1} cho rằng phần đất xây tường thuộc "
        "quyền sử dụng của gia đình mình.",
        "{B1} đồng ý tháo dỡ phần tường rào lấn ra lối đi chung trong vòng 15 ngày; hai bên thống "
        "nhất giữ lối đi chung rộng 2 m và cùng góp tiền đổ bê tông mặt lối đi.",
        "{A1} yêu cầu tháo dỡ toàn bộ phần tường lấn lối đi; {b1} chỉ đồng ý lùi tường 0,3 m.",
        COMMITTEE, 12, invited="{head}"),
    CaseTemplate("civil", "b", ("đất đai", "ranh giới đất"), "neighbours",
        "Tranh chấp ranh giới thửa đất giữa {a} và {b}",
        "Hai gia đình có thửa đất liền kề tại {hamlet}. {A1} cho rằng khi xây lại nhà, {b1} đã lấn "
        "sang đất của mình khoảng {m} m theo chiều dài thửa đất; {b1} khẳng định xây đúng mốc "
        "giới cũ.",
        "Hai bên đồng ý để cán bộ địa chính đo đạc lại; phần lấn sang là 0,2 m. {B1} đồng ý thanh "
        "toán giá trị phần đất cho {a1} theo giá hai bên thỏa thuận; hai bên ký xác nhận mốc giới.",
        "{A1} yêu cầu trả lại phần đất lấn chiếm; {b1} không đồng ý, đề nghị căn cứ giấy chứng "
        "nhận quyền sử dụng đất.",
        "Hướng dẫn nộp đơn đề nghị UBND {unit} hòa giải tranh chấp đất đai theo Điều 235 Luật "
        "Đất đai 2024", 10, invited="Công chức Địa chính - Xây dựng UBND {unit}"),
    CaseTemplate("other", "a", ("hàng xóm", "tiếng ồn"), "neighbours",
        "Mâu thuẫn hàng xóm do tiếng ồn giữa {a} và {b}",
        "{A} phản ánh gia đình {b1} thường xuyên hát karaoke với âm lượng lớn đến sau 23 giờ, ảnh "
        "hưởng đến việc nghỉ ngơi của người già và trẻ nhỏ; hai bên đã nhiều lần to tiếng.",
        "{B1} cam kết không hát karaoke sau 22 giờ và giảm âm lượng; {a1} rút ý kiến phản ánh, hai "
        "gia đình vui vẻ bắt tay hòa giải.",
        "{A1} yêu cầu chấm dứt hát karaoke vào buổi tối; {b1} cho rằng chỉ hát vào cuối tuần và "
        "không chấp nhận yêu cầu.",
        "Đề nghị Công an {unit} xem xét theo thẩm quyền", 9),
    CaseTemplate("civil", "b", ("thừa kế", "đất đai"), "siblings",
        "Tranh chấp thừa kế quyền sử dụng đất giữa {a} và {b}",
        "Cha mẹ của {a1} và {b1} mất không để lại di chúc, để lại thửa đất khoảng {area} m² tại "
        "{hamlet}. {B1} đang quản lý, sử dụng toàn bộ thửa đất; {a1} yêu cầu chia theo pháp luật.",
        "Các đồng thừa kế thống nhất chia thửa đất làm hai phần bằng nhau; {b1} giữ phần có nhà ở "
        "và thanh toán chênh lệch cho {a1}; các bên cùng làm thủ tục khai nhận di sản.",
        "{A1} yêu cầu chia đôi thửa đất; {b1} chỉ đồng ý chia một phần ba vì có công chăm sóc cha "
        "mẹ và tôn tạo di sản.",
        COURT, 7, invited="Người có uy tín trong dòng họ"),
    CaseTemplate("marriage_family", "c", ("vợ chồng", "gia đình"), "spouses",
        "Mâu thuẫn vợ chồng giữa {a} và {b}",
        "{A} trình bày: thời gian gần đây {b1} thường xuyên uống rượu, về nhà to tiếng, không đóng "
        "góp tiền chi tiêu gia đình. {A1} có ý định ly hôn nhưng muốn giữ gìn gia đình vì các con.",
        "{B1} nhận khuyết điểm, cam kết không uống rượu say, không to tiếng với vợ con và đóng góp "
        "chi phí sinh hoạt hằng tháng; {a1} đồng ý tiếp tục chung sống. Tổ hòa giải phân công hòa "
        "giải viên theo dõi, giúp đỡ.",
        "{A1} đề nghị ly hôn; {b1} không đồng ý nhưng không cam kết thay đổi.",
        "Hướng dẫn các bên liên hệ Tòa án nhân dân khu vực nếu tiếp tục yêu cầu ly hôn", 8,
        public=0.5, invited="Đại diện Chi hội Phụ nữ {hamlet}"),
    CaseTemplate("marriage_family", "c", ("nuôi con", "cấp dưỡng"), "former_spouses",
        "Tranh chấp việc nuôi con sau ly hôn giữa {a} và {b}",
        "{A} và {b} đã ly hôn năm {year}; con chung là cháu {child} do {a1} trực tiếp nuôi dưỡng. "
        "{B1} chậm đóng tiền cấp dưỡng nhiều tháng và đón cháu vào cuối tuần không báo trước.",
        "{B1} đồng ý cấp dưỡng nuôi con {monthly} mỗi tháng và trả dần khoản còn nợ; hai bên "
        "thống nhất lịch thăm nom con vào chủ nhật hằng tuần.",
        "{A1} yêu cầu trả đủ tiền cấp dưỡng còn nợ; {b1} đề nghị thay đổi người trực tiếp nuôi con.",
        "Hướng dẫn các bên yêu cầu Tòa án nhân dân khu vực giải quyết", 4, public=0.6),
    CaseTemplate("civil", "b", ("vay tài sản", "hợp đồng dân sự"), "strangers",
        "Tranh chấp hợp đồng vay tiền giữa {a} và {b}",
        "Năm {year}, {b1} vay của {a1} {money} để kinh doanh, có giấy viết tay, hẹn trả sau một "
        "năm. Đến nay {b1} mới trả được một phần và xin khất nợ.",
        "{B1} thừa nhận khoản nợ và cam kết trả dần mỗi tháng {monthly} đến khi hết nợ; {a1} đồng "
        "ý không tính lãi phần còn lại.",
        "{A1} yêu cầu trả toàn bộ nợ gốc và lãi trong 3 tháng; {b1} chỉ đồng ý trả dần không lãi.",
        COURT, 8),
    CaseTemplate("other", "a", ("thoát nước", "vệ sinh môi trường", "hàng xóm"), "neighbours",
        "Mâu thuẫn về thoát nước thải giữa hộ {a} và hộ {b}",
        "Hộ {b1} cải tạo nhà, đấu nối đường ống thoát nước thải chảy qua phần sân của gia đình "
        "{a1}, gây mùi hôi và ngập nước khi trời mưa.",
        "{B1} đồng ý làm lại đường ống thoát nước ra cống chung của khu dân cư, tự chịu chi phí, "
        "hoàn thành trong 10 ngày.",
        "{A1} yêu cầu bịt ngay đường ống; {b1} đề nghị hai bên cùng chịu chi phí làm cống mới.",
        COMMITTEE, 6),
    CaseTemplate("civil", "b", ("xây dựng", "bồi thường thiệt hại"), "neighbours",
        "Tranh chấp bồi thường do xây dựng làm nứt tường nhà liền kề giữa {a} và {b}",
        "Khi {b1} xây nhà 4 tầng, việc đào móng làm nứt tường, thấm dột nhà của {a1}. {A1} yêu cầu "
        "bồi thường chi phí sửa chữa.",
        "{B1} đồng ý hỗ trợ {money} chi phí sửa chữa và cho thợ chống thấm phần tường giáp ranh.",
        "{A1} yêu cầu bồi thường {money}; {b1} chỉ chấp nhận hỗ trợ một phần.",
        COURT, 5, invited="Công chức Địa chính - Xây dựng UBND {unit}"),
    CaseTemplate("other", "a", ("cây xanh", "hàng xóm"), "neighbours",
        "Mâu thuẫn do cây xanh lấn sang nhà hàng xóm giữa {a} và {b}",
        "Cây nhãn lâu năm của gia đình {b1} có cành vươn sang mái nhà {a1}, lá rụng làm tắc máng "
        "nước; mùa mưa bão có nguy cơ gãy đổ.",
        "{B1} đồng ý thuê người cắt tỉa phần cành vươn sang nhà {a1}; hai bên vui vẻ thống nhất.",
        "{A1} yêu cầu chặt bỏ cây; {b1} chỉ đồng ý tỉa cành nhỏ.", COMMITTEE, 4),
    CaseTemplate("other", "d", ("vật nuôi", "bồi thường thiệt hại"), "neighbours",
        "Mâu thuẫn do chó thả rông cắn người giữa {a} và {b}",
        "Chó nhà {b1} thả rông ra ngõ cắn vào chân cháu {child} (con {a1}), cháu phải đi tiêm phòng "
        "dại. {A1} yêu cầu bồi thường chi phí điều trị và không thả rông chó.",
        "{B1} xin lỗi, bồi thường {small} chi phí tiêm phòng, đi lại; cam kết nuôi nhốt, tiêm "
        "phòng cho chó và rọ mõm khi ra đường.",
        "{A1} yêu cầu bồi thường {money}; {b1} cho rằng cháu bé trêu chó trước.",
        "Đề nghị Công an {unit} xem xét xử lý việc thả rông vật nuôi", 4),
    CaseTemplate("other", "d", ("xô xát", "an ninh trật tự"), "youths",
        "Xô xát giữa {a} và {b}",
        "Do va chạm xe máy trong ngõ, {a} và {b} lời qua tiếng lại rồi xô xát, không ai bị thương "
        "nặng. Gia đình hai bên đề nghị tổ hòa giải giúp giải quyết để mâu thuẫn không kéo dài.",
        "Hai bên nhận lỗi, xin lỗi nhau, tự chịu chi phí sửa xe của mình; gia đình hai bên cam "
        "kết quản lý, giáo dục con em.",
        "{A1} yêu cầu {b1} bồi thường chi phí sửa xe; {b1} không đồng ý.",
        "Đề nghị Công an {unit} xem xét theo thẩm quyền", 3, invited="Cảnh sát khu vực"),
    CaseTemplate("marriage_family", "c", ("phụng dưỡng cha mẹ", "gia đình"), "parent_child",
        "Mâu thuẫn về phụng dưỡng cha mẹ giữa {a} và con là {b}",
        "{A} trình bày: con là {b1} sống cùng nhà nhưng không chăm sóc cha mẹ già, thường xuyên to "
        "tiếng và có lời lẽ xúc phạm.",
        "{B1} nhận lỗi, hứa chăm sóc, phụng dưỡng cha mẹ chu đáo; các anh chị em thống nhất cùng "
        "đóng góp chi phí khám chữa bệnh cho {a1}.",
        "{A1} yêu cầu {b1} dọn ra ở riêng; {b1} không đồng ý.", COMMITTEE, 4, public=0.7),
    CaseTemplate("civil", "b", ("thuê nhà", "hợp đồng dân sự"), "strangers",
        "Tranh chấp hợp đồng thuê nhà giữa {a} và {b}",
        "{B1} thuê nhà của {a1} để ở và kinh doanh, còn nợ {months} tháng tiền thuê; {a1} muốn "
        "chấm dứt hợp đồng trước hạn, {b1} đề nghị được trả lại tiền đặt cọc.",
        "Hai bên thống nhất chấm dứt hợp đồng vào cuối tháng; tiền đặt cọc được trừ vào tiền thuê "
        "còn nợ, {b1} trả thêm phần chênh lệch trước khi bàn giao nhà.",
        "{A1} yêu cầu trả đủ tiền thuê còn nợ; {b1} yêu cầu trả lại toàn bộ tiền đặt cọc.",
        COURT, 4),
    CaseTemplate("other", "a", ("vệ sinh môi trường", "lối đi chung"), "neighbours",
        "Mâu thuẫn do để vật liệu, rác thải lấn ngõ chung giữa {a} và {b}",
        "Hộ {b1} kinh doanh vật liệu xây dựng để cát, gạch và rác thải lấn ra ngõ chung, gây bụi "
        "bẩn và cản trở đi lại của các hộ trong ngõ, trong đó có gia đình {a1}.",
        "{B1} cam kết thu dọn vật liệu, không để hàng hóa ra ngõ chung, che chắn khi bốc dỡ.",
        "{A1} yêu cầu chấm dứt kinh doanh tại nhà; {b1} không đồng ý.", COMMITTEE, 4),
    CaseTemplate("other", "a", ("đỗ xe", "lối đi chung"), "neighbours",
        "Mâu thuẫn do đỗ ô tô chắn lối đi giữa {a} và {b}",
        "{B1} thường xuyên đỗ ô tô qua đêm trước cửa nhà {a1}, chắn lối ra vào và gây khó khăn "
        "khi có việc khẩn cấp.",
        "{B1} đồng ý gửi xe tại bãi đỗ xe của khu dân cư, không đỗ trước cửa nhà {a1}.",
        "{A1} yêu cầu không đỗ xe trong ngõ; {b1} cho rằng ngõ là đường chung.", COMMITTEE, 4),
)  # fmt: skip

# Requests the team receives but may not mediate (Luật HGCS Điều 3): referred, never mediated.
OUT_OF_SCOPE = (
    ("Đề nghị hòa giải vụ cố ý gây thương tích giữa {a} và {b}",
     "{A} bị {b1} dùng gậy đánh gây thương tích, phải nằm viện 7 ngày; gia đình {b1} đề nghị tổ "
     "hòa giải đứng ra hòa giải.",
     "Chuyển Công an {unit} giải quyết theo thẩm quyền",
     "Vụ việc có dấu hiệu tội phạm, không thuộc phạm vi hòa giải ở cơ sở."),
    ("Đề nghị hòa giải tranh chấp chuyển nhượng đất giữa {a} và {b} đã được Tòa án thụ lý",
     "{A} và {b} tranh chấp hợp đồng chuyển nhượng quyền sử dụng đất; vụ án đang được Tòa án "
     "nhân dân khu vực thụ lý giải quyết.",
     "Hướng dẫn các bên tiếp tục tham gia tố tụng tại Tòa án",
     "Vụ việc đã được Tòa án thụ lý, không thuộc phạm vi hòa giải ở cơ sở."),
    ("Phản ánh việc {b} đổ trộm phế thải xây dựng ra đường công cộng",
     "{A} phản ánh {b1} nhiều lần đổ phế thải xây dựng ra vỉa hè, lòng đường công cộng.",
     "Chuyển UBND {unit} xử lý vi phạm hành chính theo thẩm quyền",
     "Hành vi phải xử lý vi phạm hành chính, không thuộc phạm vi hòa giải ở cơ sở."),
)  # fmt: skip

IN_PROGRESS_NOTES = ("Đã hòa giải lần thứ nhất; các bên xin thêm thời gian suy nghĩ.",
                     "Chờ kết quả đo đạc, xác minh để tiếp tục hòa giải.",
                     "Một bên đi làm ăn xa, hẹn hòa giải tiếp khi về địa phương.")  # fmt: skip
LATE_START_NOTE = "Bắt đầu hòa giải chậm do một bên đi vắng dài ngày."
NON_PUBLIC_NOTE = "Các bên đề nghị hòa giải không công khai (Điều 17 Luật Hòa giải ở cơ sở)."
FOLLOW_UP_DONE = "Các bên đã thực hiện xong thỏa thuận."
FOLLOW_UP_WATCH = "Tổ hòa giải đang theo dõi, đôn đốc việc thực hiện thỏa thuận."
