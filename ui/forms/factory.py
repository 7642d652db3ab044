"""Which editor each field gets, with the ward's own people, teams and usual texts to pick from."""

from dataclasses import dataclass, field

from app.demo.laws import LAWS
from app.i18n import N_
from app.services.fields import Spec
from app.services.listing import choices
from ui.forms.objects import ObjectsEditor
from ui.forms.widgets import (
    BoolEditor,
    ChoiceEditor,
    CodesEditor,
    DateEditor,
    FieldEditor,
    LineEditor,
    ListPicker,
    NumberEditor,
    PersonPicker,
    TextEditor,
    TimeEditor,
    YearEditor,
)


@dataclass
class Context:
    """What the pickers offer, loaded once when a form opens."""

    people: list[tuple[str, str]] = field(default_factory=list)
    teams: list[tuple[str, str]] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    mediators: list[tuple[str, str]] = field(default_factory=list)  # recognised today

    @classmethod
    def load(cls, store, ward_code: str | None = None) -> "Context":
        # The laws wards disseminate most, as the legal-documents field cites them.
        laws = sorted(
            {law.document for law in LAWS} | {law.companion for law in LAWS if law.companion}
        )
        return cls(
            choices(store, "people", ward_code),
            choices(store, "teams", ward_code),
            laws,
            choices(store, "mediators", ward_code),
        )


def make_editor(spec: Spec, context: Context, parent=None) -> FieldEditor:
    kind = spec.type
    if kind == "line":
        return LineEditor(spec, parent=parent)
    if kind == "text":
        return TextEditor(spec, parent)
    if kind == "date":
        return DateEditor(spec, parent)
    if kind == "time":
        return TimeEditor(spec, parent)
    if kind == "int":
        return YearEditor(spec, parent) if spec.name == "birth_year" else NumberEditor(spec, parent)
    if kind == "bool":
        return BoolEditor(spec, parent)
    if kind == "enum":
        return ChoiceEditor(spec, parent=parent)
    if kind == "codes":
        return CodesEditor(spec, parent)
    if kind == "strings":
        suggestions = context.laws if spec.name == "legal_documents" else []
        return ListPicker(spec, suggestions=suggestions, parent=parent)
    if kind == "uuids":
        return ListPicker(spec, entries=context.people, parent=parent)
    if kind == "uuid" and spec.name == "team":
        return ChoiceEditor(spec, options=context.teams, parent=parent)
    if kind == "uuid":  # a team's member: only those recognised as mediators today are offered
        return PersonPicker(
            spec,
            offered=context.mediators,
            known=context.people,
            nobody=N_("No one recognised as a mediator today matches “{typed}”."),
            parent=parent,
        )
    if kind == "objects":
        return ObjectsEditor(spec, lambda sub, owner: make_editor(sub, context, owner), parent)
    raise ValueError(f"no editor for field type {kind}")
