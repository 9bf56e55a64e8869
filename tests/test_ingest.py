"""Ingest: every input format, field names, sidecars, publication dates, ordering and ids.

No spaCy model is needed: these tests only read files into ``models.Article``.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import write

from models import Article, PublishedSource
from pipeline.ingest import DEFAULT_MAX_BYTES, Failure, fields, iter_articles

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = "Four soldiers were killed when a roadside bomb struck their convoy, officials said."
PKT = dt.timezone(dt.timedelta(hours=5))


def articles(*paths, **kwargs) -> list[Article]:
    items = list(iter_articles(list(paths), **kwargs))
    failures = [item for item in items if isinstance(item, Failure)]
    assert not failures, failures
    return items


def html_page(body: str, head: str = "") -> str:
    return f"<html><head><title>Page title</title>{head}</head><body><article>{body}</article></body></html>"


HTML_BODY = f"<h1>Convoy struck</h1><p>{TEXT}</p><p>Security forces sealed off the area and began a search.</p>"


@pytest.mark.parametrize(
    "name,content,expected_text",
    [
        ("a.txt", TEXT, TEXT),
        ("a.md", f"# Convoy struck\n\n{TEXT}\n", f"# Convoy struck\n\n{TEXT}\n"),
        ("a.json", json.dumps({"text": TEXT}), TEXT),
        ("a.json", json.dumps([{"text": TEXT}]), TEXT),
        ("a.jsonl", json.dumps({"text": TEXT}) + "\n", TEXT),
        ("a.csv", f'id,text\n1,"{TEXT}"\n', TEXT),
    ],
)
def test_reads_every_record_format(tmp_path, name, content, expected_text):
    (article,) = articles(write(tmp_path, name, content))
    assert article.text == expected_text


@pytest.mark.parametrize("name", ["a.html", "a.htm", "A.HTML"])
def test_reads_html_main_text_and_title(tmp_path, name):
    (article,) = articles(write(tmp_path, name, html_page(HTML_BODY)))
    assert TEXT in article.text
    assert "Security forces sealed off the area" in article.text
    assert article.title in {"Page title", "Convoy struck"}


def test_html_fixture_keeps_article_text_and_title():
    (article,) = articles(FIXTURES / "hostile.html")
    assert "Four soldiers were killed on Thursday" in article.text
    assert "Home" not in article.text.split()  # navigation is boilerplate
    assert article.title == "Convoy struck near checkpoint"


@pytest.mark.parametrize("name", fields.TEXT)
def test_text_field_names_are_mapped(tmp_path, name):
    (article,) = articles(write(tmp_path, "a.json", json.dumps({name: TEXT})))
    assert article.text == TEXT


@pytest.mark.parametrize("name", fields.PUBLISHED)
def test_published_field_names_are_mapped(tmp_path, name):
    (article,) = articles(write(tmp_path, "a.json", json.dumps({"text": TEXT, name: "2025-01-10"})))
    assert (article.published, article.published_source) == (dt.date(2025, 1, 10), PublishedSource.record)


@pytest.mark.parametrize("name", fields.TITLE)
def test_title_field_names_are_mapped(tmp_path, name):
    (article,) = articles(write(tmp_path, "a.json", json.dumps({"text": TEXT, name: "Convoy struck"})))
    assert article.title == "Convoy struck"


@pytest.mark.parametrize(
    "record,expected_id",
    [
        ({"id": "wire-1"}, "wire-1"),
        ({"story_id": "s-9"}, "s-9"),
        ({"story_id": 42}, "42"),
        ({"id": "", "story_id": "s-9"}, "s-9"),
        ({}, "a.json"),
    ],
)
def test_id_field_names_are_mapped(tmp_path, record, expected_id):
    (article,) = articles(write(tmp_path, "a.json", json.dumps({"text": TEXT, **record})))
    assert article.id == expected_id


def test_url_field_is_read(tmp_path):
    (article,) = articles(write(tmp_path, "a.jsonl", json.dumps({"text": TEXT, "url": "https://example.org/a"})))
    assert article.url == "https://example.org/a"


@pytest.mark.parametrize(
    "record,expected",
    [
        ({"text": TEXT, "body": "other"}, TEXT),
        ({"text": "  ", "body": TEXT}, TEXT),
        ({"text": None, "maintext": TEXT}, TEXT),
        ({"content": TEXT, "maintext": "first"}, "first"),
    ],
)
def test_first_non_blank_field_in_listed_order_wins(tmp_path, record, expected):
    (article,) = articles(write(tmp_path, "a.json", json.dumps(record)))
    assert article.text == expected


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_sidecar_gives_published_title_and_url(tmp_path, suffix):
    content = html_page(HTML_BODY) if suffix == ".html" else TEXT
    path = write(tmp_path, f"story{suffix}", content)
    write(tmp_path, "story.meta.json", json.dumps(
        {"published": "2025-01-10T08:30:00+05:00", "title": "From sidecar", "url": "https://example.org/s"}))
    (article,) = articles(path)
    assert article.published == dt.datetime(2025, 1, 10, 8, 30, tzinfo=PKT)
    assert article.published_source == PublishedSource.sidecar
    assert (article.title, article.url) == ("From sidecar", "https://example.org/s")


def test_sidecar_uses_the_same_field_names_as_records(tmp_path):
    path = write(tmp_path, "story.txt", TEXT)
    write(tmp_path, "story.meta.json", json.dumps({"pub_date": "2025-01-10", "headline": "H"}))
    (article,) = articles(path)
    assert (article.published, article.title) == (dt.date(2025, 1, 10), "H")


def test_sidecar_date_wins_over_html_metadata(tmp_path):
    head = '<meta property="article:published_time" content="2024-05-01T10:00:00+00:00">'
    path = write(tmp_path, "page.html", html_page(HTML_BODY, head))
    write(tmp_path, "page.meta.json", json.dumps({"published": "2025-01-10"}))
    (article,) = articles(path)
    assert (article.published, article.published_source) == (dt.date(2025, 1, 10), PublishedSource.sidecar)


def test_sidecar_without_date_keeps_html_metadata_date(tmp_path):
    head = '<meta property="article:published_time" content="2024-05-01T10:00:00+00:00">'
    path = write(tmp_path, "page.html", html_page(HTML_BODY, head))
    write(tmp_path, "page.meta.json", json.dumps({"title": "T"}))
    (article,) = articles(path)
    assert article.published_source == PublishedSource.html_metadata
    assert article.title == "T"


def _origin_record(tmp_path):
    return write(tmp_path, "a.jsonl", json.dumps({"text": TEXT, "date": "2025-01-10"}))


def _origin_sidecar(tmp_path):
    write(tmp_path, "a.meta.json", json.dumps({"published": "2025-01-10"}))
    return write(tmp_path, "a.txt", TEXT)


def _origin_html(tmp_path):
    return write(tmp_path, "a.html", html_page(HTML_BODY, '<meta name="date" content="2025-01-10">'))


def _origin_plain(tmp_path):
    return write(tmp_path, "a.txt", TEXT)


@pytest.mark.parametrize(
    "make,argument,expected",
    [
        (_origin_record, None, (dt.date(2025, 1, 10), PublishedSource.record)),
        (_origin_record, dt.date(2020, 1, 1), (dt.date(2025, 1, 10), PublishedSource.record)),
        (_origin_sidecar, dt.date(2020, 1, 1), (dt.date(2025, 1, 10), PublishedSource.sidecar)),
        (_origin_html, None, (dt.date(2025, 1, 10), PublishedSource.html_metadata)),
        (_origin_html, dt.date(2020, 1, 1), (dt.date(2025, 1, 10), PublishedSource.html_metadata)),
        (_origin_plain, dt.date(2020, 1, 1), (dt.date(2020, 1, 1), PublishedSource.argument)),
        (_origin_plain, "2020-01-01", (dt.date(2020, 1, 1), PublishedSource.argument)),
        (_origin_plain, None, (None, PublishedSource.none)),
    ],
)
def test_published_source_records_where_the_date_came_from(tmp_path, make, argument, expected):
    (article,) = articles(make(tmp_path), published=argument)
    assert (article.published, article.published_source) == expected


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-01-10", dt.date(2025, 1, 10)),
        ("2025-01-10T08:30:00+05:00", dt.datetime(2025, 1, 10, 8, 30, tzinfo=PKT)),
        ("2025-01-10T08:30:00+0500", dt.datetime(2025, 1, 10, 8, 30, tzinfo=PKT)),
        ("2025-01-09T23:30:00-03:30", dt.datetime(2025, 1, 9, 23, 30, tzinfo=dt.timezone(-dt.timedelta(hours=3, minutes=30)))),
        ("2025-01-10T03:30:00Z", dt.datetime(2025, 1, 10, 3, 30, tzinfo=dt.timezone.utc)),
        ("2025-01-10T08:30:00", dt.datetime(2025, 1, 10, 8, 30)),
        ("2025-01-10 08:30", dt.datetime(2025, 1, 10, 8, 30)),
    ],
)
def test_iso_dates_and_datetimes_keep_their_timezone_offset(tmp_path, value, expected):
    (article,) = articles(write(tmp_path, "a.jsonl", json.dumps({"text": TEXT, "published": value})))
    assert article.published == expected
    assert type(article.published) is type(expected)
    if isinstance(expected, dt.datetime):
        assert article.published.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "head,expected",
    [
        ('<meta property="article:published_time" content="2025-01-09T23:30:00-05:00">',
         dt.datetime(2025, 1, 9, 23, 30, tzinfo=dt.timezone(-dt.timedelta(hours=5)))),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-01-10T08:15:00+05:00"}</script>',
         dt.datetime(2025, 1, 10, 8, 15, tzinfo=PKT)),
        ('<meta name="date" content="2025-01-10">', dt.date(2025, 1, 10)),
    ],
)
def test_html_metadata_date_keeps_time_and_offset(tmp_path, head, expected):
    (article,) = articles(write(tmp_path, "a.html", html_page(HTML_BODY, head)))
    assert article.published == expected
    assert article.published_source == PublishedSource.html_metadata


def test_html_date_is_never_guessed_from_body_text(tmp_path):
    body = HTML_BODY + "<p>Published on 3 March 2024. The previous attack was on 2024-02-01.</p>"
    (article,) = articles(write(tmp_path, "a.html", html_page(body)))
    assert (article.published, article.published_source) == (None, PublishedSource.none)


@pytest.mark.parametrize(
    "markup,expected",
    [
        ("<html><head><title>Attack of 2024-02-01 remembered</title></head><body><article>"
         + HTML_BODY + "</article></body></html>", None),
        (html_page(HTML_BODY + '<meta itemprop="datePublished" content="2025-01-10">'), dt.date(2025, 1, 10)),
        (html_page(HTML_BODY, '<link rel="canonical" href="https://example.org/news/2025/01/10/convoy">'),
         dt.date(2025, 1, 10)),
    ],
)
def test_html_date_comes_from_metadata_elements_and_url_only(tmp_path, markup, expected):
    (article,) = articles(write(tmp_path, "a.html", markup))
    assert article.published == expected


def test_folder_is_walked_recursively_in_sorted_order_with_relative_ids(tmp_path):
    write(tmp_path, "b.txt", "B text")
    write(tmp_path, "a/z.md", "AZ text")
    write(tmp_path, "a.txt", "A text")
    write(tmp_path, "a/b/c.txt", "ABC text")
    write(tmp_path, "c.jsonl", '{"text": "C1"}\n{"text": "C2"}\n')
    ids = [a.id for a in articles(tmp_path)]
    assert ids == ["a/b/c.txt", "a/z.md", "a.txt", "b.txt", "c.jsonl:1", "c.jsonl:2"]
    assert ids == [a.id for a in articles(tmp_path)]  # stable across runs


def test_single_file_id_is_its_name_and_source_is_the_path(tmp_path):
    path = write(tmp_path, "deep/story.txt", TEXT)
    (article,) = articles(path)
    assert (article.id, article.source) == ("story.txt", str(path))


def test_a_single_path_string_is_one_input(tmp_path):
    write(tmp_path, "a.txt", TEXT)
    assert [a.id for a in iter_articles(str(tmp_path))] == ["a.txt"]


def test_jsonl_ids_are_one_based_line_numbers_counting_blank_lines(tmp_path):
    path = write(tmp_path, "f.jsonl", '{"text": "one"}\n\n{"text": "three"}\n{"text": "four", "id": "own"}\n')
    assert [(a.id, a.source) for a in articles(path)] == [
        ("f.jsonl:1", f"{path}:1"), ("f.jsonl:3", f"{path}:3"), ("own", f"{path}:4")]


def test_csv_ids_are_row_numbers_as_a_spreadsheet_shows_them(tmp_path):
    path = write(tmp_path, "f.csv", 'title,body\nT1,"first\nspans two lines"\nT2,second\n')
    assert [(a.id, a.text) for a in articles(path)] == [("f.csv:2", "first\nspans two lines"), ("f.csv:3", "second")]


def test_json_list_ids_are_array_indexes(tmp_path):
    path = write(tmp_path, "f.json", json.dumps([{"text": "a"}, {"text": "b", "id": "x"}, {"text": "c"}]))
    assert [a.id for a in articles(path)] == ["f.json[0]", "x", "f.json[2]"]


def test_csv_reads_every_mapped_column(tmp_path):
    path = write(tmp_path, "f.csv", "story_id,headline,maintext,pub_date,url\n"
                                    "s1,Convoy struck,Four killed.,2025-01-10T08:30:00+05:00,https://example.org/1\n")
    (article,) = articles(path)
    assert (article.id, article.title, article.text, article.url) == ("s1", "Convoy struck", "Four killed.", "https://example.org/1")
    assert article.published == dt.datetime(2025, 1, 10, 8, 30, tzinfo=PKT)


def test_unsupported_and_hidden_files_inside_folders_are_skipped_silently(tmp_path):
    write(tmp_path, "a.txt", TEXT)
    write(tmp_path, "notes.docx", b"PK\x03\x04")
    write(tmp_path, "image.png", b"\x89PNG\x00")
    write(tmp_path, ".hidden.txt", TEXT)
    write(tmp_path, ".git/x.txt", TEXT)
    assert [a.id for a in articles(tmp_path)] == ["a.txt"]


def test_sidecar_and_gold_files_are_never_articles(tmp_path):
    write(tmp_path, "a.txt", TEXT)
    write(tmp_path, "a.meta.json", json.dumps({"text": "not an article", "published": "2025-01-10"}))
    write(tmp_path, "a.gold.json", json.dumps({"text": "not an article"}))
    write(tmp_path, "b.GOLD.json", json.dumps({"text": "not an article"}))
    assert [a.id for a in articles(tmp_path)] == ["a.txt"]


@pytest.mark.parametrize("name", ["big.txt", "big.jsonl", "big.csv", "big.json"])
def test_a_5_mb_article_is_read_whole(tmp_path, name):
    text = ("Four soldiers were killed in the attack. " * 130_000)[: 5 * 1024 * 1024]
    content = {
        "big.txt": text,
        "big.jsonl": json.dumps({"text": text}) + "\n",
        "big.csv": f"text\n{text}\n",
        "big.json": json.dumps({"text": text}),
    }[name]
    (article,) = articles(write(tmp_path, name, content))
    assert len(article.text.strip()) == len(text.strip())


def test_default_size_limit_is_50_mb():
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024
