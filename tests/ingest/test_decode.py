import codecs

import pytest

from wiretrace.errors import InputError
from wiretrace.ingest.decode import decode_bytes

TEXT = "Об этом ТАСС сообщил военный эксперт Андрей Марочко.\nБои продолжаются."


def test_decode_utf8_with_bom_strips_the_bom():
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


def test_decode_cp1251_cyrillic_is_recognised():
    assert decode_bytes((TEXT + " Константиновка, Часов Яр, Донбасс.").encode("cp1251")).startswith("Об этом ТАСС")


def test_decode_crlf_becomes_lf():
    assert decode_bytes(b"one line\r\nanother line\r\n") == "one line\nanother line\n"


def test_decode_binary_is_refused_with_code():
    with pytest.raises(InputError) as exc:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), source="pic.txt")
    assert "W002" in str(exc.value) and "pic.txt" in str(exc.value)
