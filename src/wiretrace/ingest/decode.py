"""Bytes to text: BOMs, UTF-8, legacy Cyrillic code pages (CP1251), CRLF; binary refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import Errors, InputError

_TEXT_CONTROL_OK = {9, 10, 12, 13, 27}


def looks_binary(data: bytes) -> bool:
    """Many control characters (NUL among them) in the first 8 KB: not a text file.

    A few NUL bytes (padding left by a crash, a stray byte in one record) do not make a text file binary, wherever
    they are: `decode_bytes` drops them.
    """
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROL_OK)
    return bool(head) and controls / len(head) > 0.05


def decode_bytes(data: bytes, *, source: str = "-") -> str:
    """Decode article bytes to str with normalised newlines.

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken at their word;
    anything else goes to charset_normalizer, which tells CP1251 from KOI8-R and
    Latin-1 by language statistics.  NUL characters are dropped, wherever they are.
    Raises InputError(W002/W004) when it cannot.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        if looks_binary(data):
            raise InputError(Errors.W002, source=source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(data).best()
            if best is None or best.encoding is None:
                raise InputError(Errors.W004, source=source) from None
            text = str(best)
    return normalize_newlines(text).replace("\x00", "")


def sniff_encoding(head: bytes, *, source: str = "-") -> str:
    """The codec to read a whole file with, judged on its first bytes as `decode_bytes` judges a whole input
    (for inputs read as a stream).  Raises InputError(W002/W004) as decode_bytes does."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if looks_binary(head):
        raise InputError(Errors.W002, source=source)
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the end of the sample
            return "utf-8"
    best = from_bytes(head).best()
    if best is None or best.encoding is None:
        raise InputError(Errors.W004, source=source)
    return best.encoding


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
