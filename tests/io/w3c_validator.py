"""Run the W3C web-annotation-tests assertion lists against a JSON document (draft-04 schemas)."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.conftest import EXTERNAL

SUITE = EXTERNAL / "w3c-web-annotation-tests"


def _registry() -> Registry:
    resources = []
    for path in SUITE.rglob("*.json"):
        try:
            schema = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(schema, dict) and schema.get("id") and "$schema" in schema:
            resources.append((schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


def run_assertions(document: dict, test_list: str) -> list[str]:
    """Names of the assertions whose outcome differs from their expectedResult (empty = conforms)."""
    registry = _registry()
    listing = json.loads((SUITE / test_list).read_text(encoding="utf-8"))
    failures = []
    for name in listing["assertions"]:
        schema = json.loads((SUITE / name).read_text(encoding="utf-8"))
        valid = Draft4Validator(schema, registry=registry).is_valid(document)
        if valid != (schema.get("expectedResult", "valid") == "valid"):
            failures.append(f"{Path(name).name}: {schema.get('errorMessage', '')[:120]}")
    return failures
