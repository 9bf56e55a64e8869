"""JSON Schema export of the public records."""
from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .article import Article
from .result import ArticleResult

SCHEMA_ID = "https://newsevents.invalid/schema/article-result.json"


def json_schema(model: str = "result") -> dict[str, Any]:
    """JSON Schema of the output record (``result``) or of the input article (``article``)."""
    target = ArticleResult if model == "result" else Article if model == "article" else None
    if target is None:
        raise KeyError(model)
    schema = TypeAdapter(target).json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
