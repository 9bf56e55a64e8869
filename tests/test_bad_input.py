"""Bad input becomes one ``Failure`` with a numbered message naming the input; the batch goes on."""
from __future__ import annotations

import codecs
import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from conftest import write
from hypothesis import given, settings
from hypothesis import strategies as st

from models import Article
from pipeline.ingest import Failure, iter_articles

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = "Four soldiers were killed when a roadside bomb struck their convoy, officials said."
CODE = re.compile(r"^\[(E\d{3})\] ")


def code(failure: Failure) -> str:
    match = CODE.match(failure.message)
    assert match, f"message is not numbered: {failure.message!r}"
    return match.group(1)


def only_failure(*paths, **kwargs) -> Failure:
    items = list(iter_articles(list(paths), **kwargs))
    assert len(items) == 1 and isinstance(items[0], Failure), items
    failure = items[0]
    assert failure.stage == "ingest"
    assert failure.input in failure.message, "the message names the input"
    return failure


BAD_FILES = [
    ("empty.txt", b"", "E002"),
    ("empty.jsonl", b"", "E002"),
    ("empty.csv", b"", "E002"),
    ("spaces.txt", b" \n\t\r\n  ", "E100"),
    ("spaces.md", b"\n\n", "E100"),
    ("blank-lines.jsonl", b"\n  \n\n", "E100"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E003"),
    ("binary.jsonl", b'{"text": "a"}\n\x00\x01\x02', "E003"),
    ("binary.csv", b"text\n\x00\x00\x00", "E003"),
    ("cp1252.txt", "Caf\u00e9 bombing \u2013 four killed".encode("cp1252"), "E101"),
    ("script-only.html", (FIXTURES / "script_only.html").read_bytes(), "E103"),
    ("empty-page.html", b"<html><head><title>Nothing</title></head><body></body></html>", "E103"),
    ("no-text.json", json.dumps({"title": "T", "published": "2025-01-10"}).encode(), "E005"),
    ("text-is-number.json", json.dumps({"text": 5}).encode(), "E106"),
    ("blank-text.json", json.dumps({"text": "   ", "body": ""}).encode(), "E100"),
    ("scalar.json", b"5", "E102"),
    ("malformed.json", b'{"text": "unterminated', "E004"),
    ("empty-list.json", b"[]", "E110"),
    ("bad-date.json", json.dumps({"text": TEXT, "pub_date": "10/01/2025"}).encode(), "E006"),
    ("date-is-number.json", json.dumps({"text": TEXT, "date": 1736496000}).encode(), "E006"),
    ("no-text-column.csv", b"title,summary\nT,S\n", "E109"),
    ("header-only.csv", b"id,text\n", "E110"),
]


@pytest.mark.parametrize("name,content,expected_code", BAD_FILES)
def test_bad_file_becomes_one_numbered_failure_naming_it(tmp_path, name, content, expected_code):
    path = write(tmp_path, name, content)
    failure = only_failure(path)
    assert (code(failure), failure.input, failure.article_id) == (expected_code, str(path), name)


def test_undecodable_bytes_fail_with_their_byte_offset(tmp_path):
    failure = only_failure(write(tmp_path, "a.txt", b"Caf\xe9 bombing"))
    assert "0xe9 at byte 3" in failure.message


def test_invalid_date_failure_names_the_field(tmp_path):
    failure = only_failure(write(tmp_path, "a.json", json.dumps({"text": TEXT, "pub_date": "Jan 10"})))
    assert "'Jan 10'" in failure.message and "'pub_date'" in failure.message


@pytest.mark.parametrize(
    "content,expected",
    [
        (codecs.BOM_UTF8 + "Caf\u00e9 attack".encode("utf-8"), "Caf\u00e9 attack"),
        (codecs.BOM_UTF16_LE + "Caf\u00e9 attack".encode("utf-16-le"), "Caf\u00e9 attack"),
        (codecs.BOM_UTF16_BE + "Caf\u00e9 attack".encode("utf-16-be"), "Caf\u00e9 attack"),
        ("Caf\u00e9 attack".encode("utf-8"), "Caf\u00e9 attack"),
    ],
)
def test_utf8_and_byte_order_marked_utf16_are_decoded(tmp_path, content, expected):
    (article,) = iter_articles([write(tmp_path, "a.txt", content)])
    assert article.text == expected


@pytest.mark.parametrize("name", ["a.jsonl", "a.csv"])
def test_byte_order_marked_utf16_records_are_decoded(tmp_path, name):
    content = '{"text": "Caf\u00e9"}\n' if name == "a.jsonl" else "text\nCaf\u00e9\n"
    (article,) = iter_articles([write(tmp_path, name, codecs.BOM_UTF16_LE + content.encode("utf-16-le"))])
    assert (article.id, article.text) == (f"{name}:{1 if name == 'a.jsonl' else 2}", "Caf\u00e9")


def test_sidecar_with_malformed_json_fails_its_article(tmp_path):
    path = write(tmp_path, "a.txt", TEXT)
    write(tmp_path, "a.meta.json", "{published: 2025}")
    failure = only_failure(path)
    assert code(failure) == "E105" and "a.meta.json" in failure.message


def test_sidecar_with_invalid_date_fails_naming_the_sidecar(tmp_path):
    path = write(tmp_path, "a.txt", TEXT)
    write(tmp_path, "a.meta.json", json.dumps({"published": "yesterday"}))
    failure = only_failure(path)
    assert code(failure) == "E006" and "a.meta.json" in failure.message and "'published'" in failure.message


def test_malformed_jsonl_line_fails_alone(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"text": "one"}\n{"text": "two"\n{"text": "three"}\n')
    items = list(iter_articles([path]))
    assert [type(item).__name__ for item in items] == ["Article", "Failure", "Article"]
    failure = items[1]
    assert (code(failure), failure.input, failure.article_id) == ("E004", f"{path}:2", "a.jsonl:2")


@pytest.mark.parametrize("line,kind", [("[1, 2]", "array"), ('"text"', "string"), ("7", "number"), ("null", "null")])
def test_non_object_jsonl_line_fails_alone(tmp_path, line, kind):
    path = write(tmp_path, "a.jsonl", f'{{"text": "one"}}\n{line}\n')
    article, failure = iter_articles([path])
    assert isinstance(article, Article)
    assert code(failure) == "E102" and f"JSON {kind}" in failure.message and failure.article_id == "a.jsonl:2"


def test_jsonl_record_without_text_fails_alone(tmp_path):
    path = write(tmp_path, "a.jsonl", '{"title": "no text"}\n{"text": "two"}\n')
    failure, article = iter_articles([path])
    assert (code(failure), failure.article_id, article.id) == ("E005", "a.jsonl:1", "a.jsonl:2")


def test_undecodable_jsonl_line_fails_alone_with_its_offset_in_the_file(tmp_path):
    path = write(tmp_path, "a.jsonl", b'{"text": "one"}\n{"text": "Caf\xe9"}\n{"text": "three"}\n')
    one, failure, three = iter_articles([path])
    assert (one.text, three.text) == ("one", "three")
    assert code(failure) == "E101" and failure.article_id == "a.jsonl:2"
    assert "at byte 29" in failure.message  # 16 bytes of line 1 + 13 into line 2


def test_undecodable_csv_row_fails_alone(tmp_path):
    path = write(tmp_path, "a.csv", b"id,text\nr1,one\nr2,Caf\xe9\nr3,three\n")
    one, failure, three = iter_articles([path])
    assert (one.id, three.id) == ("r1", "r3")
    assert code(failure) == "E101" and failure.article_id == "a.csv:3"
    assert "0xe9 at byte 3 of column 'text'" in failure.message


def test_csv_row_with_the_wrong_number_of_fields_fails_alone(tmp_path):
    path = write(tmp_path, "a.csv", "id,text\nr1,one\nr2,two,extra\nr3,three\n")
    one, failure, three = iter_articles([path])
    assert code(failure) == "E104" and failure.article_id == "a.csv:3"
    assert (one.id, three.id) == ("r1", "r3")


def test_json_list_element_failures_keep_their_index(tmp_path):
    path = write(tmp_path, "a.json", json.dumps([{"text": "ok"}, {"title": "none"}, 3]))
    ok, missing, scalar = iter_articles([path])
    assert isinstance(ok, Article)
    assert [(code(f), f.article_id) for f in (missing, scalar)] == [("E005", "a.json[1]"), ("E102", "a.json[2]")]


def test_html_script_and_style_contents_never_reach_the_text(tmp_path):
    (article,) = iter_articles([FIXTURES / "hostile.html"])
    assert isinstance(article, Article)
    assert "SCRIPT_LEAK" not in article.text and "STYLE_LEAK" not in article.text
    assert "color: red" not in article.text and "document.write" not in article.text
    assert "Four soldiers were killed" in article.text


@pytest.mark.parametrize(
    "name,content",
    [
        ("big.txt", "x" * 2000),
        ("big.md", "x" * 2000),
        ("big.json", json.dumps({"text": "x" * 2000})),
        ("big.html", "<html><body><p>" + "x " * 1000 + "</p></body></html>"),
    ],
)
def test_file_above_the_size_limit_fails_with_the_limit(tmp_path, name, content):
    failure = only_failure(write(tmp_path, name, content), max_bytes=1000)
    assert code(failure) == "E012" and "limit of 1000 bytes" in failure.message


@pytest.mark.parametrize(
    "name,content,bad_id",
    [
        ("a.jsonl", '{"text": "short"}\n' + json.dumps({"text": "x" * 3000}) + '\n{"text": "after"}\n', "a.jsonl:2"),
        ("a.csv", "text\nshort\n" + "x" * 3000 + "\nafter\n", "a.csv:3"),
    ],
)
def test_record_above_the_size_limit_fails_alone(tmp_path, name, content, bad_id):
    first, failure, last = iter_articles([write(tmp_path, name, content)], max_bytes=1000)
    assert (first.text, last.text) == ("short", "after")
    assert code(failure) == "E012" and failure.article_id == bad_id


def test_path_that_does_not_exist_fails(tmp_path):
    failure = only_failure(tmp_path / "missing.txt")
    assert code(failure) == "E007"


@pytest.mark.parametrize("name", ["notes.docx", "scan.pdf", "README"])
def test_unsupported_suffix_given_explicitly_fails(tmp_path, name):
    failure = only_failure(write(tmp_path, name, b"something"))
    assert code(failure) == "E008"


@pytest.mark.parametrize("name", ["a.meta.json", "a.gold.json"])
def test_sidecar_given_explicitly_fails(tmp_path, name):
    failure = only_failure(write(tmp_path, name, json.dumps({"text": TEXT})))
    assert code(failure) == "E108"


def test_folder_mixing_good_and_bad_inputs_yields_every_good_article_and_one_failure_per_bad_input(tmp_path):
    good = {
        "good/one.txt": TEXT,
        "good/two.md": TEXT,
        "good/three.html": (FIXTURES / "hostile.html").read_text(encoding="utf-8"),
        "good/four.json": json.dumps({"text": TEXT, "id": "four"}),
        "good/five.csv": f'id,text\nfive,"{TEXT}"\n',
    }
    bad = {name: content for name, content, _ in BAD_FILES}
    for name, content in {**good, **bad}.items():
        write(tmp_path, name, content)
    write(tmp_path, "mixed.jsonl", '{"text": "six", "id": "six"}\nnot json\n[]\n{"text": "seven", "id": "seven"}\n')
    write(tmp_path, "ignored.docx", b"PK\x03\x04")

    items = list(iter_articles([tmp_path]))
    found = {item.id for item in items if isinstance(item, Article)}
    failures = [item for item in items if isinstance(item, Failure)]

    assert found == {"good/one.txt", "good/two.md", "good/three.html", "four", "five", "six", "seven"}
    assert sorted(f.article_id for f in failures) == sorted([*bad, "mixed.jsonl:2", "mixed.jsonl:3"])
    assert all(CODE.match(f.message) and f.input in f.message for f in failures)


def test_failure_keeps_its_fields():
    failure = Failure(input="a.txt", stage="ingest", message="[E002] Input a.txt is empty", article_id="a.txt")
    assert (failure.input, failure.stage, failure.message, failure.article_id) == (
        "a.txt", "ingest", "[E002] Input a.txt is empty", "a.txt")


@settings(max_examples=60, deadline=None)
@given(suffix=st.sampled_from([".txt", ".md", ".html", ".json", ".jsonl", ".csv"]), content=st.binary(max_size=300))
def test_any_bytes_in_any_format_yield_articles_or_numbered_failures_and_never_raise(suffix, content):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), f"input{suffix}", content)
        items = list(iter_articles([path]))
    assert items
    for item in items:
        assert isinstance(item, Article) or (isinstance(item, Failure) and CODE.match(item.message)), item


def test_folder_that_cannot_be_listed_fails_instead_of_being_skipped(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", TEXT)
    locked = tmp_path / "locked"
    real_walk = os.walk

    def walk(top, onerror=None, **kwargs):
        for folder, dirnames, filenames in real_walk(top, onerror=onerror, **kwargs):
            yield folder, dirnames, filenames
        onerror(PermissionError(13, "Permission denied", str(locked)))

    monkeypatch.setattr("pipeline.ingest.readers.os.walk", walk)
    article, failure = iter_articles([tmp_path])
    assert article.id == "a.txt"
    assert (code(failure), failure.input, failure.article_id) == ("E001", str(locked), "locked")
    assert "Permission denied" in failure.message
