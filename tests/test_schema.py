"""JSON Schema export: what downstream validators and other languages build their readers from."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from models import json_schema
from pipeline.cli import app

JSON_TYPES = {"object", "array", "string", "number", "integer", "boolean", "null"}


def walk(node, path="#"):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, f"{path}/{index}")


@pytest.fixture(scope="module")
def schema():
    return json_schema()


def test_schema_declares_draft_2020_12(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["title"] == "ArticleResult"


def test_schema_defines_event_and_aggregate_claim(schema):
    defs = schema["$defs"]
    for name in ("Event", "AggregateClaim", "Evidence", "Casualty", "Actor", "Location", "EventTime", "Modality"):
        assert name in defs, f"{name} missing from $defs"
    assert {"events", "aggregates", "mentions", "error"} <= schema["properties"].keys()
    assert {"id", "type", "trigger"} <= set(defs["Event"]["required"])
    assert {"metric", "value", "evidence"} <= set(defs["AggregateClaim"]["required"])


def test_schema_uses_draft_2020_12_keywords_not_older_ones(schema):
    for path, node in walk(schema):
        assert "definitions" not in node, f"{path}: draft-07 'definitions' instead of '$defs'"
        if "type" in node and isinstance(node["type"], str) and path.split("/")[-1] != "properties":
            assert node["type"] in JSON_TYPES, f"{path}: type {node['type']!r}"


def test_every_ref_in_the_schema_resolves(schema):
    refs = [node["$ref"] for _, node in walk(schema) if isinstance(node.get("$ref"), str)]
    assert refs
    for ref in refs:
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in schema["$defs"], f"dangling {ref}"


def test_every_object_in_the_schema_rejects_additional_properties(schema):
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object":
            assert definition.get("additionalProperties") is False, f"{name} accepts unknown fields"


@pytest.mark.parametrize(("enum", "member"), [("EventType", "other"), ("ActorKind", "other"), ("WeaponKind", "other"),
                                              ("TargetKind", "other"), ("Metric", "other")])
def test_open_vocabularies_have_an_other_member(schema, enum, member):
    assert member in schema["$defs"][enum]["enum"]


def test_schema_is_accepted_by_a_draft_2020_12_validator(schema):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft202012Validator.check_schema(schema)


def test_article_schema_describes_the_input_record():
    article = json_schema("article")
    assert article["title"] == "Article"
    assert "text" in article["required"]
    assert article["additionalProperties"] is False


# --- through the CLI -----------------------------------------------------------------------------------------
def test_schema_command_prints_the_result_schema_as_json():
    outcome = CliRunner().invoke(app, ["schema"])
    assert outcome.exit_code == 0, outcome.output
    printed = json.loads(outcome.stdout)
    assert printed == json_schema()


def test_schema_command_prints_the_article_schema_on_request():
    outcome = CliRunner().invoke(app, ["schema", "--model", "article"])
    assert outcome.exit_code == 0, outcome.output
    assert json.loads(outcome.stdout)["title"] == "Article"


def test_schema_command_rejects_an_unknown_record_name():
    outcome = CliRunner().invoke(app, ["schema", "--model", "event-typo"])
    assert outcome.exit_code == 2
