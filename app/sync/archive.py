"""The ZIP layer of a bundle: written plainly, read strictly (design.md §3).

Reading does not trust `zipfile` with the member data: it walks the central directory with it,
then checks each local header and inflates each member itself, with caps, so a member bigger
than it claims, overlapping members, trailing bytes or a zip bomb are refused, not believed."""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from app.errors import N_
from app.sync.errors import BundleError
from app.sync.manifest import ZIP_MEMBERS

_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
# Seven central directory entries: 46 bytes each, a short name, and room for extra fields.
MAX_DIRECTORY = 7 * 1024
_LOCAL_SIGNATURE = 0x04034B50
# A fixed time for every member: the archive's bytes then depend only on its content.
_EPOCH = (2000, 1, 1, 0, 0, 0)


def write_archive(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=6)
    return buffer.getvalue()


@dataclass(frozen=True)
class Limits:
    bundle_bytes: int = 100 * 2**20
    member_bytes: int = 128 * 2**20
    total_bytes: int = 256 * 2**20
    line_bytes: int = 2**20
    depth: int = 32
    text_chars: int = 64 * 2**10


def _bad(detail: str) -> BundleError:
    return BundleError("zip", N_("The bundle's archive is not valid: {detail}."), detail=detail)


def _too_large(name: str) -> BundleError:
    return BundleError(
        "too-large", N_("The bundle's member {name} is larger than allowed."), name=name
    )


def read_archive(
    data: bytes, limits: Limits, expected: frozenset[str] = ZIP_MEMBERS
) -> dict[str, bytes]:
    """The members of a strict archive holding exactly `expected` (a bundle's by default)."""
    if not data.startswith(b"PK\x03\x04"):
        raise _bad("not a ZIP archive")
    # The end record must close the file, with no comment and nothing after it.
    if len(data) < 22 or data[-22:-18] != b"PK\x05\x06" or data[-2:] != b"\x00\x00":
        raise _bad("bytes after the end of the archive")
    # Its entry counts, before zipfile builds an object per directory entry: a directory of
    # millions of tiny entries would cost memory and time before any other check.
    on_disk, total, directory_size, directory_start = struct.unpack("<HHII", data[-14:-2])
    if on_disk != len(expected) or total != len(expected):
        raise _bad("not the members of a bundle")
    # zipfile walks the directory by its size, whatever the counts say: the directory must end
    # where the end record starts, and be no bigger than seven entries can be.
    if directory_start + directory_size != len(data) - 22 or directory_size > MAX_DIRECTORY:
        raise _bad("not the directory of a bundle")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise _bad(str(error)) from None
    if archive.comment:
        raise _bad("archive comment")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise _bad("duplicate member")
    for info in infos:
        if info.is_dir() or info.filename not in expected or info.orig_filename != info.filename:
            raise _bad(f"unexpected member {info.orig_filename!r}")
    if set(names) != expected:
        raise _bad("missing member")
    members, total, end = {}, 0, 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        if info.header_offset != end:
            raise _bad("members overlap or leave gaps")
        if info.file_size > limits.member_bytes:
            raise _too_large(info.filename)
        total += info.file_size
        if total > limits.total_bytes:
            raise BundleError(
                "too-large", N_("The bundle's members are larger than allowed in all.")
            )
        content, end = _member(data, info, limits)
        members[info.filename] = content
    if end != archive.start_dir:
        raise _bad("data between members and directory")
    return members


def _member(data: bytes, info: zipfile.ZipInfo, limits: Limits) -> tuple[bytes, int]:
    start = info.header_offset
    header = data[start : start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        raise _bad("truncated")
    (signature, _version, flags, method, _t, _d, _crc, _csize, _usize, name_len, extra_len) = (
        _LOCAL_HEADER.unpack(header)
    )
    if signature != _LOCAL_SIGNATURE or flags & 0x1 or method != info.compress_type:
        raise _bad(f"bad local header for {info.filename}")
    name_start = start + _LOCAL_HEADER.size
    if data[name_start : name_start + name_len] != info.filename.encode("utf-8"):
        raise _bad(f"local name differs for {info.filename}")
    begin = name_start + name_len + extra_len
    raw = data[begin : begin + info.compress_size]
    if len(raw) != info.compress_size:
        raise _bad("truncated")
    end = begin + info.compress_size
    if flags & 0x8:  # a data descriptor follows the data (12 or 16 bytes)
        end += 16 if data[end : end + 4] == b"PK\x07\x08" else 12
    if method == zipfile.ZIP_STORED:
        content = raw
    elif method == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, limits.member_bytes + 1)
        except zlib.error:
            raise _bad(f"corrupt data in {info.filename}") from None
        if len(content) > limits.member_bytes:
            raise _too_large(info.filename)
        if not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
            raise _bad(f"{info.filename} is not what it claims")
    else:
        raise _bad(f"unsupported compression in {info.filename}")
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        raise _bad(f"{info.filename} is not what it claims")
    return content, end
