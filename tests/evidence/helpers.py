import zipfile
import zlib
from pathlib import Path


def rewritten(source: Path, target: Path, *, change=None, add=None, drop=None) -> Path:
    """A copy of the zip `source` with one member's bytes changed (`change`: name ->
    function of the bytes), a member added (`add`: name -> bytes) or left out (`drop`)."""
    change, add = change or {}, add or {}
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            if info.filename == drop:
                continue
            data = original.read(info.filename)
            if info.filename in change:
                data = change[info.filename](data)
            copy.writestr(info, data)
        for name, data in add.items():
            copy.writestr(name, data)
    return target


def flip_one_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1 :]


def gzip_members(data: bytes) -> list[bytes]:
    """The decompressed members of a multi-member gzip file (a WARC: one per record)."""
    found = []
    while data:
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        found.append(inflate.decompress(data))
        data = inflate.unused_data
    return found
