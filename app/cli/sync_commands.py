"""Subcommands of keys, trust and bundles (design.md §4)."""

import sys
from pathlib import Path

from app.cli.main import EXIT_OK, EXIT_REFUSED, open_store, print_json
from app.errors import N_, EnvironmentProblem
from app.files import read_small_file, write_file
from app.i18n import gettext as _
from app.services import presence
from app.services.kinds import KINDS
from app.services.safekeeping import back_up_daily
from app.sync import conflicts, receipts, trust
from app.sync.export import export_bundle
from app.sync.importer import Outcome, bundle_files, import_bundles, verify_bundle
from app.sync.undo import undo_last_import
from app.text import display_date, printable


def cmd_keys(args) -> int:
    if args.action == "backup":
        return _keys_backup(args)
    with open_store(args) as store:
        if args.action == "show":
            shown = trust.show_keys(store)
            if args.json:
                print_json(shown)
            else:
                print(_("Key id: {key_id}").format(key_id=shown["key_id"]))
                print(_("Fingerprint: {fingerprint}").format(fingerprint=shown["fingerprint"]))
            return EXIT_OK
        card = trust.export_card(store)
    write_file(Path(args.out), card)
    print(_("Key card written to {path}").format(path=args.out))
    return EXIT_OK


def _keys_backup(args) -> int:
    from app.cli import keys_backup
    from app.sync.keys import KeyFolder

    out = Path(args.out)
    with open_store(args) as store:  # a folder set up, upgraded, its keys where they belong
        keys = KeyFolder(store.folder.keys)
    if out.exists():  # before the passphrase is asked for
        raise EnvironmentProblem(
            N_("{path} already exists; choose a new file name."), path=str(out)
        )
    keys_backup.write_backup(keys, out, keys_backup.passphrase(twice=True))
    print(
        _(
            "The keys are written to {path}, encrypted with the passphrase. Keep the file and the passphrase apart."
        ).format(path=out)
    )
    return EXIT_OK


def _read_card(path: Path) -> bytes:
    too_large = EnvironmentProblem(N_("{path} is too large to be a key card."), path=str(path))
    return read_small_file(path, 64 * 1024, too_large)


def cmd_trust(args) -> int:
    if args.action == "list":
        return _trust_list(args)
    if args.action == "add":
        card = _read_card(Path(args.card))
        with open_store(args) as store:
            result = trust.trust_card(store, card, args.fingerprint, replace=args.replace)
        if result["role"] == "ward":
            print(
                _(
                    "Registered ward {code} – {name}, key {key_id} (generation {generation})."
                ).format(**result)
            )
        else:
            print(_("Trusted district {code} – {name}, key {key_id}.").format(**result))
        return EXIT_OK
    with open_store(args, role="district") as store:
        result = trust.revoke_key(store, args.key_id)
    print(_("Key {key_id} of ward {ward_code} is revoked.").format(**result))
    return EXIT_OK


def _trust_list(args) -> int:
    with open_store(args) as store:
        listing = trust.trust_list(store)
    if args.json:
        print_json(listing)
        return EXIT_OK
    if "district" in listing:
        district = listing["district"]
        if district is None:
            print(_("No district is trusted yet."))
        else:
            print(
                _("District {code} – {name}, key {key_id}, fingerprint {fingerprint}.").format(
                    **district
                )
            )
        return EXIT_OK
    if not listing["wards"]:
        print(_("No ward is registered yet: register a ward's key card with “tiepcan trust add”."))
    for ward in listing["wards"]:
        last = ward["last_seq"]
        print(
            _("{code} – {name}: last bundle {seq}").format(
                code=ward["code"], name=ward["name"], seq=last if last is not None else "—"
            )
            + (f" ({display_date(ward['last_import_at'][:10])})" if ward["last_import_at"] else "")
        )
        for key in ward["keys"]:
            state = (
                _("revoked on {date}").format(date=display_date(key["revoked_at"][:10]))
                if key["revoked"]
                else _("in use")
            )
            print(
                "  "
                + _(
                    "key {key_id} (generation {generation}), registered {date}, {state}; fingerprint {fingerprint}"
                ).format(
                    key_id=key["key_id"],
                    generation=key["generation"],
                    date=display_date(key["registered_at"][:10]),
                    state=state,
                    fingerprint=key["fingerprint"],
                )
            )
    return EXIT_OK


def cmd_conflicts(args) -> int:
    with open_store(args, role="district") as store:
        if args.action == "resolve":
            resolved = conflicts.resolve_conflict(
                store, args.id, args.keep, args.reason, _say_waiting(WORK_WAIT)
            )
            kept = _("the stored version") if args.keep == "stored" else _("the incoming version")
            print(_("Conflict {id} resolved: {kept} is kept.").format(id=resolved["id"], kept=kept))
            return EXIT_OK
        listed = conflicts.list_conflicts(store)
    if args.json:
        print_json({"conflicts": listed})
        return EXIT_OK
    if not listed:
        print(_("No conflicts."))
    for item in listed:
        status = _("open") if item["status"] == "open" else _("resolved")
        print(
            _(
                "{id}. ward {ward}, {kind} {uuid}: stored revision {stored}, incoming revision {incoming} — {status}"
            ).format(
                id=item["id"],
                ward=item["ward_code"],
                kind=_(KINDS[item["kind"]].label),
                uuid=item["uuid"],
                stored=_revision(item["stored"]),
                incoming=_revision(item["incoming"]),
                status=status,
            )
        )
    return EXIT_OK


def _revision(side: dict) -> str:
    text = f"{side['revision']} ({side['content_sha256'][:8]})"
    return text + " " + _("deleted") if side["deleted"] else text


def cmd_receipt(args) -> int:
    with open_store(args, role="ward") as store:
        receipt = receipts.load_receipt(store, Path(args.file))
    total = sum(sum(kind.values()) for kind in receipt["counts"].values() if isinstance(kind, dict))
    print(
        _(
            "The district received bundle {seq} on {date} ({count} records); the highest revision it holds is {revision}."
        ).format(
            seq=receipt["seq"],
            date=display_date(receipt["imported_at"][:10]),
            count=total,
            revision=receipt["max_revision"],
        )
    )
    if receipt["forked"]:
        print(
            _(
                "Warning: this bundle was not made on this computer. Another copy of this ward's data (an old backup, another PC) is sending bundles: check with the district."
            ),
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_bundle(args) -> int:
    if args.action == "undo":
        with open_store(args, role="district") as store:
            undone = undo_last_import(store, args.ward.strip(), _say_waiting(WORK_WAIT))
        print(
            _(
                "The import of bundle {seq} of ward {ward_code} is undone: its records are as they were before it."
            ).format(**undone)
        )
        return EXIT_OK
    if args.action == "receipts":
        with open_store(args, role="district") as store:
            written = receipts.write_receipts(store, Path(args.out), args.ward)
        for path in written:
            print(_("Receipt written to {path}").format(path=path))
        if not written:
            print(_("No bundle has been imported yet: there is nothing to acknowledge."))
        return EXIT_OK
    if args.action == "export":
        with open_store(args, role="ward") as store:
            result = export_bundle(store, Path(args.out))
        total = sum(result.counts.values())
        print(
            _("Bundle {seq} written to {path} ({count} records).").format(
                seq=result.seq, path=result.path, count=total
            )
        )
        print(
            _("{names} names of parties and invited persons were replaced by initials.").format(
                names=result.names_replaced
            )
        )
        if result.case_texts_withheld:
            print(_("Case texts were not sent."))
        return EXIT_OK
    if args.action == "verify":
        with open_store(args, role="district") as store:
            outcome = verify_bundle(store, Path(args.file), waiting=_say_waiting(IMPORT_WAIT))
        _report(args, [outcome], dry_run=False)
        return EXIT_OK if outcome.status != "refused" else EXIT_REFUSED
    with open_store(args, role="district") as store:
        paths = bundle_files(store, [Path(f) for f in args.files])
        if not args.dry_run:
            store.ensure_sound()
            if not store.on_server:  # a server database is backed up with the server's tools
                back_up_daily(store)  # the day's first import starts from a verified copy
        # The other operators of a server district see this import while it runs.
        with presence.present(store, "importing " + _ward_codes(paths)):
            outcomes = import_bundles(
                store, paths, dry_run=args.dry_run, waiting=_say_waiting(IMPORT_WAIT)
            )
    _report(args, outcomes, dry_run=args.dry_run)
    return EXIT_REFUSED if any(o.status == "refused" for o in outcomes) else EXIT_OK


IMPORT_WAIT = N_("Waiting… (someone else is importing ward {ward})")
WORK_WAIT = N_("Waiting… (someone else is changing the records of ward {ward})")


def _say_waiting(message: str):
    """One line on stderr when this command has waited about a second for another operator's
    work on the same ward (a PostgreSQL district): it waits its turn, it has not hung."""

    def say(ward: str) -> None:
        print(_(message).format(ward=ward), file=sys.stderr, flush=True)

    return say


def _ward_codes(paths: list[Path]) -> str:
    """The wards a list of bundles is for, as other operators see it ("00167,00168"): read
    from the names an export gives (CODE-yyyymmdd-seq.tcb), for display only — opening every
    bundle twice to be sure would cost more than the import's first second."""
    wards = {path.name.split("-")[0] for path in paths}
    return ",".join(sorted(w for w in wards if w.isdigit() and len(w) == 5)) or "…"


STATUS_TEXT = {
    "imported": N_("imported"),
    "already-imported": N_("already imported"),
    "acceptable": N_("would be imported"),
    "refused": N_("refused"),
}


def _report(args, outcomes: list[Outcome], dry_run: bool) -> None:
    for outcome in outcomes:
        if outcome.status == "refused":
            print(
                f"{printable(outcome.file)}: {outcome.reason} [{outcome.reason_code}]",
                file=sys.stderr,
            )
    if args.json:
        print_json({"dry_run": dry_run, "bundles": [o.as_json() for o in outcomes]})
        return
    for outcome in outcomes:
        print(f"{printable(outcome.file)}: {_(STATUS_TEXT[outcome.status])}")
        if outcome.ward_code:
            print(
                "  "
                + _(
                    "Ward {code} – {name}, bundle {seq}, made {date}, key {key_id} (generation {generation})"
                ).format(
                    code=outcome.ward_code,
                    name=outcome.ward_name,
                    seq=outcome.seq,
                    date=display_date(outcome.created_at),
                    key_id=outcome.key_id,
                    generation=outcome.generation,
                )
            )
        if "gap" in outcome.warnings:
            print(
                "  "
                + _(
                    "Note: some earlier bundles of this ward never arrived here (harmless: each bundle is complete)."
                )
            )
        if "rollback" in outcome.warnings:
            print(
                "  "
                + _(
                    "Warning: this bundle carries older versions of records than this office already received from the ward: the ward seems to have restored an older database. Nothing was lost here."
                )
            )
        if outcome.missing:
            print("  " + _("Warning: records held here are missing from this bundle:"))
            for kind in KINDS:
                uuids = [item["uuid"] for item in outcome.missing if item["kind"] == kind]
                if uuids:
                    shown = ", ".join(uuids[:5]) + (" …" if len(uuids) > 5 else "")
                    print(f"    {_(KINDS[kind].plural)} ({len(uuids)}): {shown}")
        for kind, counts in outcome.counts.items():
            figures = ", ".join(f"{_(name)} {number}" for name, number in counts.items())
            print(f"  {_(KINDS[kind].plural)}: {figures}")


# Counter names in the human report (the JSON keeps the contract's English keys).
COUNT_NAMES = (
    N_("new"),
    N_("updated"),
    N_("deleted"),
    N_("unchanged"),
    N_("stale"),
    N_("conflict"),
)
