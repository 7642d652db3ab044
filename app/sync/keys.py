"""This installation's keys (design.md §3): a minisign signing key and an age identity, as the
standard tools write them, in `DIR/keys/`. Secret files are readable by the owner only."""

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from app.errors import N_, EnvironmentProblem, TiepCanError, os_reason
from app.fsutil import write_atomic
from app.services.audit import now_iso

SECRET_MODE = 0o600
PUBLIC_MODE = 0o644


def key_id_of(raw_key_id: bytes) -> str:
    """The key id as the minisign tool prints it: the 8 bytes read as a little-endian integer,
    in 16 upper-case hex digits."""
    return f"{int.from_bytes(raw_key_id, 'little'):016X}"


def key_id_from_line(base64_line: str | bytes) -> str:
    """The key id inside a minisign public key or signature line: after the 2-byte algorithm
    come the 8 key id bytes (the standard format, so no private library attribute is needed)."""
    return key_id_of(base64.b64decode(base64_line, validate=True)[2:10])


def minisign_public_line(public_key) -> str:
    """The base64 line of a minisign public key (the second line of minisign.pub)."""
    return public_key.to_base64().decode("ascii")


def fingerprint(minisign_line: str, age_recipient: str) -> str:
    """What people read aloud: SHA-256 of the 42 decoded bytes of the public key line followed
    by the age recipient (ASCII), as a big-endian integer mod 10^30, in 6 groups of 5 digits."""
    decoded = base64.b64decode(minisign_line, validate=True)
    digest = hashlib.sha256(decoded + age_recipient.encode("ascii")).digest()
    digits = f"{int.from_bytes(digest, 'big') % 10**30:030d}"
    return " ".join(digits[i : i + 5] for i in range(0, 30, 5))


def normalise_fingerprint(typed: str) -> str:
    """Accept a fingerprint typed with or without spaces; None-safe digits only."""
    digits = "".join(typed.split())
    if len(digits) != 30 or not digits.isdigit():
        raise TiepCanError(N_("A fingerprint has 30 digits (6 groups of 5)."))
    return " ".join(digits[i : i + 5] for i in range(0, 30, 5))


@dataclass(frozen=True)
class PublicKeys:
    key_id: str
    minisign_public: str  # the base64 line
    age_recipient: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.minisign_public, self.age_recipient)


class KeyFolder:
    def __init__(self, folder: Path):
        self.folder = folder
        self.minisign_key = folder / "minisign.key"
        self.minisign_pub = folder / "minisign.pub"
        self.age_key = folder / "age.key"

    def exists(self) -> bool:
        return self.minisign_key.is_file() and self.age_key.is_file()

    def generate(self) -> PublicKeys:
        import minisign
        import pyrage

        pair = minisign.KeyPair.generate()
        key_id = key_id_from_line(pair.public_key.to_base64())
        pair.secret_key.untrusted_comment = "minisign secret key"
        pair.public_key.untrusted_comment = f"minisign public key {key_id}"
        identity = pyrage.x25519.Identity.generate()
        recipient = str(identity.to_public())
        age_text = f"# created: {now_iso()}\n# public key: {recipient}\n{identity}\n"
        try:
            write_atomic(self.minisign_key, bytes(pair.secret_key) + b"\n", SECRET_MODE)
            write_atomic(self.minisign_pub, bytes(pair.public_key) + b"\n", PUBLIC_MODE)
            write_atomic(self.age_key, age_text.encode("ascii"), SECRET_MODE)
        except OSError as error:
            raise EnvironmentProblem(
                N_("The keys cannot be written: {error}"), error=os_reason(error)
            ) from error
        return PublicKeys(key_id, minisign_public_line(pair.public_key), recipient)

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as error:
            raise EnvironmentProblem(
                N_("The key file {name} cannot be read: {error}"),
                name=path.name,
                error=os_reason(error),
            ) from error

    def secret_key(self):
        import minisign

        return minisign.SecretKey.from_bytes(self._read(self.minisign_key))

    def identity(self):
        import pyrage

        lines = self._read(self.age_key).decode("ascii").splitlines()
        secret = next(line for line in lines if line.startswith("AGE-SECRET-KEY-"))
        return pyrage.x25519.Identity.from_str(secret)

    def public(self) -> PublicKeys:
        import minisign

        public_key = minisign.PublicKey.from_bytes(self._read(self.minisign_pub))
        line = minisign_public_line(public_key)
        return PublicKeys(
            key_id_from_line(line),
            line,
            str(self.identity().to_public()),
        )
