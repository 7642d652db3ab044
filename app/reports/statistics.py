"""Statistical reports: one row per ward (or per team of one ward) of measures, a total row,
and for a preliminary period the officer's estimates and the total with them."""

import json
import math
from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import select

from app.errors import N_
from app.reports import listings
from app.reports.builder import Builder
from app.reports.errors import EstimatesDoNotAddUp, ReportError
from app.reports.measures import MEASURES, TEAM, WARD, compute, teams
from app.reports.scope import Scope
from app.reports.table import (
    ESTIMATE,
    SUBTOTAL,
    SUMMABLE,
    TEXT,
    TOTAL,
    Column,
    Form,
    Row,
    Section,
)
from app.reports.values import plain_number
from app.text import natural_key

UNIT = "unit"  # the key of the first column: the ward or team the row counts
MAX_ESTIMATE = 10**15  # đồng or people: anything larger is a typing accident
TOTAL_COUNTS_PEOPLE = N_(
    "A mediator who serves in more than one team is counted once in the total row."
)
BLANK_ESTIMATES = N_(
    "Estimates not typed are left blank; the total row then holds the actual figure only."
)
# A sum broken on the row the officer types, or (only if the actual figures break it already) on
# the total row under it: {(row style, "of which"): message}.
BROKEN_SUM = {
    (ESTIMATE, False): N_(
        "The estimates do not add up: on the estimate row, {whole} ({whole_value}) must equal {parts} ({parts_value})."
    ),
    (ESTIMATE, True): N_(
        "The estimates do not add up: on the estimate row, {parts} ({parts_value}) cannot be more than {whole} ({whole_value})."
    ),
    (TOTAL, False): N_(
        "The estimates do not add up: {whole} ({whole_value}) must equal {parts} ({parts_value})."
    ),
    (TOTAL, True): N_(
        "The estimates do not add up: {parts} ({parts_value}) cannot be more than {whole} ({whole_value})."
    ),
}


class StatisticsBuilder(Builder):
    def build(self, scope: Scope, estimates, team) -> tuple[list[Section], list[str], bool]:
        """Sections (one, or one per form the report is filed as), the notes on the whole
        and whether every figure is zero."""
        definition = self.definition
        self.footnotes: list[str] = []  # printed under the table in every format
        # Estimates that break a sum of the form: the engine raises it once the report is laid
        # out, so a window can show that report beside the refusal.
        self.refusal: EstimatesDoNotAddUp | None = None
        grouping = TEAM if definition.rows == TEAM and len(scope.wards) == 1 else WARD
        figures = self._figures(scope, grouping)
        keys = self._row_keys(scope, grouping, figures, team)
        if not keys:  # a ward with no team and no case yet: one row for the ward, all zeros
            grouping = WARD
            figures = self._figures(scope, grouping)
            keys = self._row_keys(scope, grouping, figures, team)
        columns = self._stat_columns(grouping)
        rows = [
            Row(self._stat_values(figures, key, self._row_label(grouping, key))) for key in keys
        ]
        empty = not any(
            row.values.get(column.key)
            for row in rows
            for column in columns
            if column.kind in SUMMABLE
        )
        body_count = len(rows)
        counted_once: set[str] = set()  # measures whose total is not the sum of the rows
        if body_count > 1:
            if grouping == TEAM:
                # One ward's own figures, not the sum of its teams: a mediator who serves in
                # two teams is one person in the ward's column "Hòa giải viên (người)".
                (ward,) = scope.wards
                totals = {m: v.get(ward, 0) for m, v in self._figures(scope, WARD).items()}
                counted_once = {
                    m
                    for m, values in figures.items()
                    if totals[m] != sum(values.get(key, 0) for key in keys)
                }
                if counted_once:
                    self.footnotes.append(self.t(TOTAL_COUNTS_PEOPLE))
            else:
                totals = {
                    measure: sum(values.get(key, 0) for key in keys)
                    for measure, values in figures.items()
                }
            rows.append(
                Row(
                    self._stat_values(
                        {m: {"*": v} for m, v in totals.items()}, "*", self.t(N_("Total"))
                    ),
                    TOTAL,
                )
            )
        notes = self._rules() + self.footnotes
        specific = len(notes)  # the notes before this are the columns' own
        # The rows as they are without an estimate row: a form of the report none of whose
        # figures can be estimated (teams and mediators, counted on the last day of actual
        # data) prints these, with no estimate row, no total with it and no note on it.
        actual_rows = [Row(dict(row.values), row.style) for row in rows]
        if self.period.has_estimate and definition.estimates:
            rows, notes = self._with_estimates(rows, figures, keys, estimates, notes)
        elif estimates:
            raise ReportError(
                N_("The period {period} has no estimated part; leave the estimates out."),
                period=self.period.code,
            )
        if empty:
            notes.insert(0, self.t(N_("No records fall in this period.")))
            specific += 1
        if definition.parts:
            general = [notes[0]] if empty else []
            general += notes[specific:]
            sections = self._parts(columns, rows, actual_rows, counted_once, general)
            return sections, notes, empty
        return [Section(columns=columns, rows=rows, footnotes=self.footnotes)], notes, empty

    def _parts(
        self, columns, rows, actual_rows, counted_once: set[str], general: list[str]
    ) -> list[Section]:
        """The report as the forms it is filed as: each the unit column and its own columns
        (numbered afresh), over the same rows; its notes are its rule, its columns' rules, its
        footnote and the notes on the whole (estimates left blank, nothing recorded). A form
        with no figure that can be estimated takes `actual_rows`, the rows without the
        estimate and the total with it, and no note on blank estimates."""
        unit, *figures = columns
        measure = {spec.key: spec.measure for spec in self.definition.columns}
        estimable = set(self._estimable())
        unestimated = [note for note in general if note != self.t(BLANK_ESTIMATES)]
        sections = []
        for part in self.definition.parts:
            keys = set(part.columns)
            estimated = bool(keys & estimable)
            own_rows = rows if estimated else actual_rows
            notes = general if estimated else unestimated
            # A pass mark column ("…:pass") goes with the figure it marks.
            own = [column for column in figures if column.key.split(":")[0] in keys]
            own = [
                replace(column, number=f"({number})")
                for number, column in enumerate([unit, *own], start=1)
            ]
            footnotes = (
                [self.t(TOTAL_COUNTS_PEOPLE)]
                if any(measure.get(key) in counted_once for key in keys)
                else []
            )
            rule = [part.rule(self.language)] if part.rule else []
            form = Form(
                title=part.title(self.language),
                legal_basis=part.legal_basis(self.language),
                sheet=part.sheet(self.language),
                estimable=estimated,
                notes=[*rule, *self._rules(keys), *footnotes, *notes],
            )
            sections.append(
                Section(
                    columns=own,
                    rows=[Row(row.values, row.style) for row in own_rows],
                    title=form.title,
                    footnotes=footnotes,
                    form=form,
                )
            )
        return sections

    def _figures(self, scope: Scope, grouping: str) -> dict[str, dict[str, int]]:
        needed = []
        for spec in self.definition.columns:
            needed += [spec.measure] if spec.measure else list(spec.ratio)
        keys = list(dict.fromkeys(needed))
        self.tally.expect(len(keys))  # one query each: the progress counts them
        figures = {}
        for key in keys:
            figures[key] = compute(self.connection, key, scope, grouping, self.cache)
            self.tally.add()
            self.tally.tell()  # a query can take a while over a district's wards
        return figures

    def _row_keys(self, scope: Scope, grouping: str, figures, team) -> list[str]:
        if grouping == WARD:
            return list(scope.wards)
        # Teams in force on the day stock figures are read, then any other team a case of the
        # period was given to, then the cases given to no team ("").
        in_force = compute(self.connection, "teams", scope, TEAM, self.cache)
        seen = set(in_force)
        for values in figures.values():
            seen.update(values)
        if team:
            seen = {team["uuid"]}
        self.team_names = self._team_names(scope, seen - {""})
        named = sorted(
            (key for key in seen if key),
            key=lambda key: (natural_key(self.team_names.get(key, "")), key),
        )
        return named + ([""] if "" in seen else [])

    def _team_names(self, scope: Scope, uuids) -> dict[str, str]:
        """Names of the teams of the one ward counted (deleted teams included: a live case may
        still name one). The ward code is part of the key: at a district, another ward may hold
        a team with the same uuid."""
        if not uuids:
            return {}
        t = teams.c
        rows = self.connection.execute(
            select(t.uuid, t.name).where(t.ward_code.in_(scope.wards), t.uuid.in_(list(uuids)))
        )
        return dict(rows.all())

    def _row_label(self, grouping: str, key: str) -> str:
        if grouping == WARD:
            return self.ward_names.get(key, key)
        return self.team_names.get(key) or self.t(N_("Cases not given to a team"))

    def _stat_columns(self, grouping: str) -> list[Column]:
        definition = self.definition
        label = definition.row_label(self.language)
        if grouping == TEAM:
            label = self.t(N_("Mediation team"))
        columns = [Column(UNIT, label, TEXT, width=2.8, number="(1)")]
        for spec in definition.columns:
            columns.append(self._column(spec, len(columns) + 1))
            if spec.threshold and self.settings.get(spec.threshold) is not None:
                mark = self.t(N_("Met (threshold {threshold}%)")).format(
                    threshold=plain_number(self.settings[spec.threshold], self.language)
                )
                groups = tuple(group(self.language) for group in spec.groups)
                columns.append(
                    Column(f"{spec.key}:pass", mark, TEXT, groups, 0.9, f"({len(columns) + 1})")
                )
        return columns

    def _stat_values(self, figures, key: str, label: str) -> dict[str, object]:
        values: dict[str, object] = {UNIT: label}
        for spec in self.definition.columns:
            if spec.measure:
                values[spec.key] = figures[spec.measure].get(key, 0)
                continue
            top, bottom = (figures[name].get(key, 0) for name in spec.ratio)
            rate = round(100 * top / bottom, 1) if bottom else None
            values[spec.key] = rate
            values[f"{spec.key}:numerator"] = top
            values[f"{spec.key}:denominator"] = bottom
            threshold = self.settings.get(spec.threshold) if spec.threshold else None
            if threshold is not None:
                if rate is None:
                    values[f"{spec.key}:pass"] = ""
                else:
                    met = rate >= float(threshold)
                    values[f"{spec.key}:pass"] = self.t(N_("Met") if met else N_("Not met"))
        return values

    def _rules(self, keys=None) -> list[str]:
        """How the columns' figures are computed (those of `keys` only, if given)."""
        notes = []
        for spec in self.definition.columns:
            if keys is not None and spec.key not in keys:
                continue
            rule = spec.rule
            if spec.rules_by_setting:
                setting, choices = spec.rules_by_setting
                rule = choices.get(str(self.settings.get(setting))) or rule
            if not rule:
                continue
            # "Hòa giải thành, tỷ lệ (%): …": the group names the figure, the label alone may not.
            label = spec.label(self.language)
            if spec.groups:  # mid-sentence after its group: "Hòa giải thành, tỷ lệ (%)"
                label = f"{spec.groups[-1](self.language)}, {label[:1].lower()}{label[1:]}"
            line = f"{label}: {rule(self.language)}"
            if spec.threshold:
                threshold = self.settings.get(spec.threshold)
                line += " " + (
                    self.t(N_("Threshold: {threshold}%.")).format(
                        threshold=plain_number(threshold, self.language)
                    )
                    if threshold is not None
                    else self.t(N_("No threshold set, so no pass or fail is shown."))
                )
            notes.append(line)
        return notes

    def _estimable(self) -> dict:
        """The columns of the estimate row the officer types: activity over the period, whose
        remaining months can be estimated (stock figures cannot)."""
        return {
            spec.key: spec for spec in self.definition.columns
            if spec.measure and MEASURES[spec.measure].estimable
        }  # fmt: skip

    def _with_estimates(self, rows, figures, keys, estimates, notes):
        estimable = self._estimable()
        typed = _check_estimates(estimates or {}, estimable)
        if not rows:  # a district that holds no ward yet: nothing to estimate against
            return rows, notes
        actual = rows[-1] if len(rows) > 1 and rows[-1].style == TOTAL else rows[0]
        start, end = self.period.estimate_start, self.period.end
        if len(rows) > 1:
            actual.values[UNIT] = self.t(N_("Total, actual data"))
            actual.style = SUBTOTAL
        estimate = {
            UNIT: self.t(N_("Estimate, {start} to {end}")).format(
                start=listings.day(start.isoformat()), end=listings.day(end.isoformat())
            )
        }
        total = {UNIT: self.t(N_("Total, actual and estimate"))}
        for key in estimable:
            estimate[key] = typed.get(key)
            total[key] = actual.values.get(key, 0) + (typed.get(key) or 0)
        for spec in self.definition.columns:
            if spec.key not in estimable:
                total[spec.key] = actual.values.get(spec.key)
                if spec.ratio:
                    for part in ("numerator", "denominator", "pass"):
                        if f"{spec.key}:{part}" in actual.values:
                            total[f"{spec.key}:{part}"] = actual.values[f"{spec.key}:{part}"]
        rows = [*rows, Row(estimate, ESTIMATE), Row(total, TOTAL)]
        self.refusal = self._broken_sum(estimate, total, typed)
        missing = [key for key in estimable if typed.get(key) is None]
        if missing:
            notes.append(self.t(BLANK_ESTIMATES))
        return rows, notes

    def _broken_sum(self, estimate: dict, total: dict, typed: dict) -> EstimatesDoNotAddUp | None:
        """The first sum of the form the figures as printed break: on the estimate row itself
        ("of which online" 10 of 3 titles), then on the total row (actual and estimate).

        One rule for blanks on both rows: a cell left blank, or one the row has no estimate for
        (a stock figure), counts as 0 — the total row then prints the actual figure alone, so
        a blank adds nothing. Since the actual figures keep every sum, an estimate row that
        keeps them gives a total that does too; the total row is checked all the same."""
        refusals = []
        for rule in self.definition.sums:
            for style, values in ((ESTIMATE, estimate), (TOTAL, total)):
                whole = values.get(rule.whole) or 0
                parts = sum(values.get(key) or 0 for key in rule.parts)
                if (whole >= parts) if rule.of_which else (whole == parts):
                    continue
                refusals.append(self._refusal(rule, style, whole, parts, typed))
                break  # a sum is named once, on the row it breaks first
        if not refusals:
            return None
        # Every broken sum is marked at once: the officer corrects them in one go.
        first, *others = refusals
        first.others = others
        return first

    def _refusal(self, rule, style: str, whole: int, parts: int, typed: dict):
        """The refusal of a broken sum, naming the row that breaks it (the estimate row) and
        its figures there."""
        # The cell to correct: the whole if it was typed, else the first typed part.
        typed_cells = [key for key in (rule.whole, *rule.parts) if typed.get(key) is not None]
        return EstimatesDoNotAddUp(
            BROKEN_SUM[style, rule.of_which],
            field=(typed_cells or [rule.whole])[0],
            fields=(rule.whole, *rule.parts),
            whole=rule.whole_name(self.language),
            whole_value=plain_number(whole, self.language),
            parts=rule.parts_name(self.language),
            parts_value=plain_number(parts, self.language),
        )


def _check_estimates(estimates: Mapping[str, object], estimable: dict) -> dict[str, float]:
    """Estimates as typed, checked: only the form's estimable columns, whole numbers ≥ 0."""
    checked = {}
    for key, value in estimates.items():
        if key not in estimable:
            raise ReportError(
                N_(
                    "“{key}” is not a figure of this report that can be estimated. These can: {keys}."
                ),
                key=key,
                keys=", ".join(estimable) or "—",
            )
        if value is None or value == "":
            continue
        # Compared before any conversion: a 400-digit integer overflows float(), and int() of
        # an infinity raises; neither may escape as anything but a refusal.
        whole = (
            not isinstance(value, bool)
            and isinstance(value, int | float)
            and (isinstance(value, int) or (math.isfinite(value) and value.is_integer()))
            and 0 <= value <= MAX_ESTIMATE
        )
        if not whole:
            raise ReportError(
                N_("The estimate for “{key}” must be a whole number, 0 or more; it is {value}."),
                key=key,
                value=_shown(value),
            )
        checked[key] = int(value)
    return checked


def _shown(value: object, limit: int = 40) -> str:
    """A typed value as a message can quote it: short, and never failing (Python refuses to
    write an integer of more than 4,300 digits as text)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return ("-" if value < 0 else "") + "10^" + str(int(value.bit_length() * 0.30103))
    try:
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    except (TypeError, ValueError, RecursionError):
        shown = type(value).__name__
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
