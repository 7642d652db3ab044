"""What a column may be mapped to, per kind: the record's own fields, and the pieces offices
split them into (family and given names, "x" marks in a "HGV" column, "Nam"/"Nữ" columns that
hold the year of birth). Each knows the header words that mean it, how to read its cell, and
where the value goes in the record."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from app import enums
from app.errors import N_
from app.i18n import gettext
from app.services.kinds import KINDS
from app.sheets import values as v
from app.sheets.model import TargetField
from app.text import clean_line


class Names:
    """The ward's people and teams by folded name, loaded once per plan (no query per row)."""

    def __init__(self, people: dict[str, list[str]] | None = None, teams=None):
        self.people = people or {}
        self.teams = teams or {}
        self.memberships: dict[str, set[str]] = {}  # person uuid -> the uuids of their teams
        self.led: set[str] = set()  # the uuids of the teams that have a leader

    def person(self, name: str) -> str:
        return self._one(self.people, name, person=True)

    def team(self, name: str) -> str:
        return self._one(self.teams, name, person=False)

    @staticmethod
    def _one(index: dict[str, list[str]], name: str, person: bool) -> str:
        found = index.get(v.words(name), [])
        if len(found) == 1:
            return found[0]
        if not found:
            message = (
                N_(
                    "No person named “{name}” is in the list of people — import the list of people first."
                )
                if person
                else N_("No mediation team named “{name}” is in the list of teams.")
            )
            raise v.Refused(message, name=name)
        message = (
            N_("{count} people are named “{name}”: choose the person in the form after importing.")
            if person
            else N_("{count} teams are named “{name}”: rename one of them first.")
        )
        raise v.Refused(message, count=len(found), name=name)


@dataclass(frozen=True)
class Target:
    name: str
    label: str  # msgid
    required: bool
    parse: Callable  # (cell value, Names) -> parsed value
    put: Callable  # (draft dict, parsed value) -> None
    synonyms: tuple[str, ...]  # header words (folded, as values.words gives them)
    record_field: str  # the record field validation names when this value is wrong
    in_template: bool = True
    multiple: bool = False  # several columns may map to it (names, topics)
    enum: object = None  # the Enumeration its values come from, when they do


def _set(key: str):
    def put(draft: dict, value) -> None:
        draft[key] = value

    return put


def _extend(key: str):
    def put(draft: dict, value) -> None:
        draft.setdefault(key, []).extend(value)

    return put


def _text(value, names) -> str:
    return v.cell_text(value) if not isinstance(value, str) else value


def _line(value, names) -> str:
    return clean_line(v.cell_text(value))


def _day(value, names) -> str:
    return v.parse_day(value)


def _count(value, names) -> int:
    return v.parse_count(value)


def _flag(value, names) -> bool:
    return v.parse_flag(value)


def _choice(enum):
    return lambda value, names: v.parse_choice(value, enum)


def _choices(enum):
    return lambda value, names: v.parse_choices(value, enum)


def _people(value, names: Names) -> list[str]:
    return [names.person(name) for name in v.split_names(value)]


def _person(value, names: Names) -> str:
    return names.person(clean_line(v.cell_text(value)))


def _team(value, names: Names) -> str:
    return names.team(clean_line(v.cell_text(value)))


def _strings(value, names) -> list[str]:
    return v.split_names(value)


def _gender_mark(code: str):
    """A "Nam" or "Nữ" column: an "x", or the year of birth written in the gender's column."""

    def parse(value, names):
        if isinstance(value, int | float) and not isinstance(value, bool) and value >= 1900:
            return (code, v.parse_year(value))
        text = v.cell_text(value)
        if text.isdigit() and len(text) == 4:
            return (code, v.parse_year(text))
        if v.is_blank(value) or not v.parse_flag(value):
            return (None, None)
        return (code, None)

    return parse


def _put_gender_mark(draft: dict, value) -> None:
    code, year = value
    if code:
        draft["gender"] = code
    if year:
        draft["birth_year"] = year


def _law_qualification(value, names) -> str:
    folded = v.words(v.cell_text(value))
    if "luat" in folded.split():
        return "law"
    if folded in ("khong", "chua", "chua qua dao tao", "chua dao tao", "khong co"):
        return "none"
    try:
        return v.parse_choice(value, enums.LAW_QUALIFICATIONS)
    except v.Refused:
        return "other"  # "Kỹ sư nông nghiệp", "Cử nhân kinh tế": a speciality other than law


LEADER_WORDS = ("to truong", "truong to", "to truong to hoa giai", "leader", "team leader")
MEMBER_WORDS = ("to vien", "thanh vien", "to pho", "pho to", "member")


def _team_leader(value, names) -> bool:
    """ "Tổ trưởng" in a "Chức vụ trong tổ" column, or an "x" in a "Tổ trưởng" column."""
    folded = v.words(v.cell_text(value))
    if folded in LEADER_WORDS:
        return True
    if folded in MEMBER_WORDS:
        return False
    return v.parse_flag(value)


def _role_mark(code: str):
    def parse(value, names):
        return [code] if v.parse_flag(value) else []

    return parse


def _result_mark(code: str):
    def parse(value, names):
        return code if v.parse_flag(value) else None

    return parse


def _put_result_mark(draft: dict, value) -> None:
    if value:
        draft["result"] = value


def _spec_label(kind: str, name: str) -> str:
    return KINDS[kind].by_name[name].label


def _spec_required(kind: str, name: str) -> bool:
    return KINDS[kind].by_name[name].required


def plain(kind: str, name: str, parse, synonyms, **kw) -> Target:
    """A record field read straight from one column."""
    spec = KINDS[kind].by_name[name]
    put = _extend(name) if spec.type in ("codes", "strings", "uuids") else _set(name)
    return Target(
        name,
        spec.label,
        spec.required,
        parse,
        put,
        tuple(synonyms),
        name,
        multiple=spec.type in ("codes", "strings", "uuids"),
        enum=spec.enum,
        **kw,
    )


def piece(name, label, parse, put, synonyms, record_field, **kw) -> Target:
    """A piece of a record field, or a mark that sets one: never required on its own."""
    return Target(name, label, False, parse, put, tuple(synonyms), record_field, **kw)


HAMLET = ("thon", "tdp", "to dan pho", "thon tdp", "thon to dan pho", "khu pho", "ap", "ban",
          "xom", "khu dan cu", "thon xom", "thon ban", "village", "residential group")  # fmt: skip
NOTES = ("ghi chu", "notes", "note", "chu thich")


def _people_targets() -> list[Target]:
    k = "people"
    return [
        plain(k, "full_name", _line, ("ho va ten", "ho ten", "ho va ten hoa giai vien",
              "ten hoa giai vien", "ho ten hoa giai vien", "full name", "name")),
        piece("family_name", N_("Family and middle name"), _line, _set("_family"),
              ("ho", "ho va ten dem", "ho dem", "ho va chu dem", "ho va dem", "family name",
               "surname"), "full_name", in_template=False),
        piece("given_name", N_("Given name"), _line, _set("_given"),
              ("ten", "given name", "first name"), "full_name", in_template=False),
        plain(k, "gender", lambda value, names: v.parse_gender(value),
              ("gioi tinh", "gt", "phai", "nam nu", "gender", "sex")),
        piece("male", N_("Male (x, or the year of birth)"), _gender_mark("male"),
              _put_gender_mark, ("nam", "gioi tinh nam", "nam sinh nam", "ngay sinh nam",
                                 "male"), "gender", in_template=False),
        piece("female", N_("Female (x, or the year of birth)"), _gender_mark("female"),
              _put_gender_mark, ("nu", "gioi tinh nu", "nam sinh nu", "ngay sinh nu",
                                 "female"), "gender", in_template=False),
        plain(k, "birth_year", lambda value, names: v.parse_year(value),
              ("nam sinh", "ngay sinh", "ngay thang nam sinh", "ns", "sinh nam",
               "year of birth", "birth year", "date of birth")),
        plain(k, "ethnicity", _line, ("dan toc", "ethnic group", "ethnicity")),
        plain(k, "ethnic_minority", _flag, ("dan toc thieu so", "dtts", "nguoi dtts",
              "nguoi dan toc thieu so", "ethnic minority")),
        plain(k, "law_qualification", _law_qualification,
              ("trinh do chuyen mon", "trinh do", "chuyen mon", "trinh do chuyen mon luat",
               "trinh do chuyen mon nghiep vu", "law qualification")),
        plain(k, "legal_speciality", _line, ("chuyen nganh luat", "linh vuc phap luat",
              "legal speciality")),
        plain(k, "position", _line, ("chuc vu", "chuc danh", "position")),
        plain(k, "organisation", _line, ("co quan", "don vi", "noi cong tac", "co quan don vi",
              "don vi cong tac", "organisation", "organization")),
        plain(k, "hamlet", _line, (*HAMLET, "noi cu tru", "thon tdp cu tru")),
        plain(k, "phone", _line, ("dien thoai", "sdt", "so dien thoai", "dt", "dt lien he",
              "phone", "telephone")),
        plain(k, "email", _line, ("email", "e mail", "thu dien tu")),
        plain(k, "address", _line, ("dia chi", "address", "noi o", "cho o hien nay",
              "dia chi thuong tru")),
        plain(k, "notes", _text, NOTES),
        piece("role", N_("Role (HGV, TTV, BCV)"), _choices(enums.ROLES), _extend("_roles"),
              ("vai tro", "role", "roles", "loai"), "roles"),
        piece("role_hgv", N_("Mediator (x)"), _role_mark("HGV"), _extend("_roles"),
              ("hgv", "hoa giai vien", "la hgv", "la hoa giai vien"), "roles",
              in_template=False),
        piece("role_ttv", N_("Legal propagandist (x)"), _role_mark("TTV"), _extend("_roles"),
              ("ttv", "tuyen truyen vien", "tuyen truyen vien phap luat"), "roles",
              in_template=False),
        piece("role_bcv", N_("Legal reporter (x)"), _role_mark("BCV"), _extend("_roles"),
              ("bcv", "bao cao vien", "bao cao vien phap luat"), "roles", in_template=False),
        piece("team", N_("Mediation team"), _line, _set("_team"),
              ("to hoa giai", "to hg", "ten to hoa giai", "thuoc to hoa giai", "thuoc to",
               "to hoa giai co so", "mediation team", "team"), "team"),
        piece("team_leader", N_("Role in the team (Tổ trưởng, Tổ viên or x)"), _team_leader,
              _set("_team_leader"), ("chuc vu trong to", "chuc danh trong to", "vai tro trong to",
              "to truong", "la to truong", "team leader"), "team"),
        piece("decision_number", N_("Decision number"), _line, _set("_decision_number"),
              ("so qd", "so quyet dinh", "quyet dinh", "qd cong nhan", "so qd cong nhan",
               "qd so", "decision number"), "roles.0.decision_number"),
        piece("decision_date", N_("Decision date"), _day, _set("_decision_date"),
              ("ngay qd", "ngay quyet dinh", "ngay cong nhan", "ngay ky qd", "ngay ky",
               "ngay qd cong nhan", "decision date"), "roles.0.decision_date"),
    ]  # fmt: skip


def _teams_targets() -> list[Target]:
    k = "teams"
    return [
        plain(k, "name", _line, ("ten to", "ten to hoa giai", "to hoa giai", "to", "ten",
              "team name", "team")),
        plain(k, "hamlet", _line, (*HAMLET, "dia ban", "dia ban hoat dong")),
        plain(k, "valid_from", _day, ("ngay thanh lap", "ngay qd thanh lap", "ngay qd",
              "tu ngay", "ngay cong nhan", "valid from")),
        plain(k, "valid_to", _day, ("den ngay", "ngay giai the", "ngay het hieu luc",
              "valid until", "valid to")),
        piece("leader", N_("Team leader"), _person, _set("_leader"),
              ("to truong", "ten to truong", "ho ten to truong", "team leader", "leader"),
              "members"),
        piece("members", N_("Members"), _people, _extend("_members"),
              ("thanh vien", "thanh vien to", "hoa giai vien", "cac hoa giai vien",
               "danh sach thanh vien", "to vien", "members"), "members", multiple=True),
        plain(k, "notes", _text, NOTES),
    ]  # fmt: skip


def _cases_targets() -> list[Target]:
    k = "cases"
    return [
        plain(k, "title", _line, ("ten vu viec", "vu viec", "tieu de", "noi dung vu viec",
              "ten vu viec hoa giai", "vu viec hoa giai", "case title", "title", "case")),
        plain(k, "book_number", _count, ("so so", "so vao so", "so thu tu trong so",
              "logbook number")),
        plain(k, "team", _team, ("to hoa giai", "ten to hoa giai", "to", "mediation team",
              "team")),
        plain(k, "received_on", _day, ("ngay nhan", "ngay tiep nhan", "ngay nhan don",
              "ngay thang nam tiep nhan", "ngay tiep nhan vu viec", "ngay nhan vu viec",
              "ngay thang nhan", "date received", "received")),
        plain(k, "assigned_on", _day, ("ngay phan cong", "ngay giao", "date assigned")),
        plain(k, "started_on", _day, ("ngay hoa giai", "ngay bat dau hoa giai", "ngay bat dau",
              "ngay tien hanh hoa giai", "date started")),
        plain(k, "ended_on", _day, ("ngay ket thuc", "ngay ket thuc hoa giai",
              "ngay hoan thanh", "date ended")),
        plain(k, "basis", _choice(enums.BASES), ("can cu", "can cu hoa giai",
              "can cu tien hanh hoa giai", "basis")),
        plain(k, "public", _flag, ("cong khai", "hoa giai cong khai", "public")),
        plain(k, "scope_group", _choice(enums.SCOPE_GROUPS), ("loai vu viec", "phan loai",
              "loai tranh chap", "nhom vu viec", "phan loai vu viec", "linh vuc",
              "linh vuc tranh chap", "linh vuc vu viec", "kind of dispute")),
        plain(k, "scope_item", _choice(enums.SCOPE_ITEMS), ("pham vi", "pham vi hoa giai",
              "diem", "scope")),
        plain(k, "subject_tags", _strings, ("chu de", "subject")),
        plain(k, "summary", _text, ("noi dung", "noi dung chinh", "tom tat", "tom tat noi dung",
              "noi dung chinh cua vu viec", "main content", "summary")),
        plain(k, "agreement", _text, ("thoa thuan", "noi dung thoa thuan",
              "su thoa thuan cua cac ben", "thoa thuan cua cac ben", "agreement")),
        plain(k, "result", _choice(enums.RESULTS), ("ket qua", "ket qua hoa giai", "result")),
        piece("result_success", N_("Successful (x)"), _result_mark("success"), _put_result_mark,
              ("thanh", "hoa giai thanh", "ket qua thanh", "ket qua hoa giai thanh"), "result",
              in_template=False),
        piece("result_failure", N_("Unsuccessful (x)"), _result_mark("failure"),
              _put_result_mark, ("khong thanh", "hoa giai khong thanh", "ket qua khong thanh",
                                 "ket qua hoa giai khong thanh"), "result", in_template=False),
        plain(k, "end_reason", _choice(enums.END_REASONS), ("ly do ket thuc",
              "ly do ket thuc hoa giai", "end reason")),
        plain(k, "follow_up", _text, ("theo doi thuc hien", "theo doi", "theo doi viec thuc hien",
              "follow up")),
        plain(k, "referral", _line, ("chuyen", "chuyen den", "chuyen co quan", "referred to")),
        plain(k, "fee_amount", _count, ("thu lao", "thu lao hoa giai", "chi phi", "kinh phi",
              "mediator fees")),
        plain(k, "notes", _text, NOTES),
        plain(k, "mediators", _people, ("hoa giai vien", "hgv", "hgv thuc hien",
              "nguoi hoa giai", "hoa giai vien tham gia", "hoa giai vien thuc hien",
              "mediators")),
        piece("requesters", N_("Requesting party"), _strings, _extend("_requesters"),
              ("ben yeu cau", "nguoi yeu cau", "ben de nghi", "requesting party"), "parties"),
        piece("respondents", N_("Responding party"), _strings, _extend("_respondents"),
              ("ben duoc yeu cau", "ben bi yeu cau", "nguoi duoc yeu cau", "responding party"),
              "parties"),
    ]  # fmt: skip


def _sessions_targets() -> list[Target]:
    k = "sessions"
    return [
        plain(k, "title", _line, ("ten buoi", "noi dung", "noi dung tuyen truyen", "chu de",
              "ten hoat dong", "noi dung pbgdpl", "noi dung pho bien", "ten buoi tuyen truyen",
              "title")),
        plain(k, "held_on", _day, ("ngay", "ngay thang", "thoi gian", "ngay to chuc",
              "ngay thuc hien", "ngay thang nam", "thoi gian to chuc", "date")),
        plain(k, "start_time", lambda value, names: v.parse_time(value),
              ("gio", "gio bat dau", "start time", "time")),
        plain(k, "hamlet", _line, HAMLET),
        plain(k, "place", _line, ("dia diem", "noi to chuc", "dia diem to chuc", "place")),
        plain(k, "form", _choice(enums.SESSION_FORMS), ("hinh thuc", "hinh thuc tuyen truyen",
              "hinh thuc pho bien", "hinh thuc pbgdpl", "form")),
        plain(k, "direct", _flag, ("truc tiep", "pho bien truc tiep", "direct")),
        plain(k, "topics", _choices(enums.TOPICS), ("linh vuc", "linh vuc phap luat",
              "topics")),
        plain(k, "legal_documents", _strings, ("van ban", "van ban phap luat", "luat",
              "van ban duoc pho bien", "legal documents")),
        plain(k, "audiences", _choices(enums.AUDIENCES), ("doi tuong", "thanh phan",
              "doi tuong tham du", "audiences")),
        plain(k, "attendees", _count, ("so nguoi", "so nguoi tham du", "so luot nguoi",
              "so nguoi du", "tong so nguoi", "so luong", "so luot", "attendees")),
        plain(k, "attendees_men", _count, ("nam", "so nguoi nam", "so nam", "men")),
        plain(k, "attendees_women", _count, ("nu", "so nguoi nu", "so nu", "women")),
        plain(k, "presenters", _people, ("bao cao vien", "nguoi trinh bay", "nguoi tuyen truyen",
              "bcv", "bcv ttv", "bao cao vien tuyen truyen vien", "presenters")),
        plain(k, "co_organisers", _strings, ("phoi hop", "don vi phoi hop", "co quan phoi hop",
              "co organisers")),
        plain(k, "funding_regular", _count, ("kinh phi", "kinh phi thuong xuyen", "ngan sach",
              "kinh phi thuong xuyen dong")),
        plain(k, "funding_programme", _count, ("kinh phi chuong trinh", "kinh phi de an",
              "kinh phi chuong trinh de an")),
        plain(k, "funding_other", _count, ("kinh phi khac", "nguon khac")),
        plain(k, "broadcasts", _count, ("so lan phat", "so buoi phat thanh", "luot phat thanh",
              "so luot phat")),
        plain(k, "quiz_entries", _count, ("so bai du thi", "luot du thi", "so luot du thi")),
        plain(k, "notes", _text, NOTES),
    ]  # fmt: skip


_BUILDERS = {
    "people": _people_targets,
    "teams": _teams_targets,
    "cases": _cases_targets,
    "sessions": _sessions_targets,
}
KINDS_IMPORTED = tuple(_BUILDERS)


@cache
def targets(kind: str) -> dict[str, Target]:
    try:
        builder = _BUILDERS[kind]
    except KeyError:
        raise ValueError(f"not a kind a sheet imports: {kind!r}") from None
    return {target.name: target for target in builder()}


def target_fields(kind: str) -> list[TargetField]:
    return [
        TargetField(t.name, gettext(t.label), t.required, _choices_of(t))
        for t in targets(kind).values()
    ]


def _choices_of(target: Target) -> list[tuple[str, str]]:
    enum = target.enum
    return [(choice.code, _label(choice)) for choice in enum] if enum else []


def _label(choice) -> str:
    """The choice's label in the language of the interface."""
    from app import i18n

    return choice.label("en" if i18n.current_language() == "en" else "vi")


# Required record fields that pieces can stand in for (full_name from family and given names;
# a case's title from its content, as _finish_case fills it).
_STANDS_IN = {
    "full_name": {"given_name"},
    "gender": {"male", "female"},
    "title": {"summary"},
    "result": {"result_success", "result_failure"},
}

# Fields the services require of some rows only (kinds._check_case): (field, the results that
# require it, the results whose value the import infers).
_REQUIRED_FOR_RESULTS = {
    "cases": (
        ("started_on", {"in_progress"}, set()),
        ("ended_on", {"success", "failure"}, set()),
        ("end_reason", {"success", "failure"}, {"success"}),
    ),
}


def missing_required(kind: str, mapped: set[str], rows=()) -> list[TargetField]:
    """The fields the kind requires that no column (or value given to every row) fills: those
    every record needs, and those the rows' own values will need (a concluded case its end
    date and reason, one in progress its start date), all at once."""
    results = {row.data.get("result") for row in rows if row.status != "skipped" and row.data}
    conditional = {
        name
        for name, needing, inferred in _REQUIRED_FOR_RESULTS.get(kind, ())
        if results & (needing - inferred)
    }
    return [
        replace(field, required=True)
        for field in target_fields(kind)
        if (field.required or field.name in conditional)
        and field.name not in mapped
        and not (_STANDS_IN.get(field.name, set()) & mapped)
    ]
