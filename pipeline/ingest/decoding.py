"""Bytes to text, with one explicit encoding policy.

Decoded: UTF-8, UTF-8 with a byte-order mark, UTF-16 (LE or BE) with a byte-order mark. Anything
else fails with the offset of the first undecodable byte (E101), and NUL bytes without a UTF-16
byte-order mark mean a binary file (E003).

Why not guess cp1252 (or run a charset detector): every byte sequence decodes as cp1252 or
latin-1, so a guess never fails, it just turns a binary file or a mis-encoded article into
plausible-looking mojibake that then yields wrong names and places with confident evidence
offsets. A clear failure with the byte offset lets the user re-encode the file once (``iconv``)
and know that every article that did go through was read as written.
"""
from __future__ import annotations

import codecs

from ..errors import Errors
from .fields import IngestError

SNIFF_BYTES = 8192
"""How much of a file is checked for NUL bytes: binary formats show them in their first block."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_utf16(head: bytes) -> bool:
    return head.startswith(_UTF16_BOMS)


def check_binary(head: bytes, where: str) -> None:
    if not is_utf16(head) and b"\x00" in head[:SNIFF_BYTES]:
        raise IngestError(Errors.E003.format(path=where))


def decode(data: bytes, where: str, *, base_offset: int = 0) -> str:
    """``data`` as text under the policy above; ``base_offset`` places a line within its file."""
    if is_utf16(data):
        encoding, skip = "utf-16", 0  # the codec reads the byte-order mark itself
    else:
        encoding, skip = "utf-8", len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode(encoding)
    except UnicodeDecodeError as err:
        offset = base_offset + skip + err.start
        raise IngestError(Errors.E101.format(path=where, byte=f"0x{data[skip + err.start]:02x}",
                                             position=f"byte {offset}")) from None
