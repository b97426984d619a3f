#!/usr/bin/env python3
"""A small JSON Schema (2020-12 subset) validator driven by docs/bot-protocol.schema.json.

The same checks and messages as kits/js/validate.mjs, in the standard library:

    from validate import validate_message
    errors = validate_message("fromBot", {"type": "actions", "actions": [...]})

    python3 kits/python/validate.py '{"type":"actions","actions":[{"type":"buySite"}]}'

The schema is found next to this file's repo (../../docs/bot-protocol.schema.json) or at $BOT_SCHEMA.
"""
import json
import math
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA_PATH = os.environ.get("BOT_SCHEMA") or os.path.join(_HERE, "..", "..", "docs", "bot-protocol.schema.json")
_schema = None


def schema():
    global _schema
    if _schema is None:
        with open(SCHEMA_PATH, encoding="utf-8") as f:
            _schema = json.load(f)
    return _schema


def _type_of(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def _resolve(ref):
    node = schema()
    for key in ref[2:].split("/"):
        node = node[key]
    return node


def _matches_type(t, v):
    if t == "integer":
        return _type_of(v) == "number" and float(v).is_integer()
    if t == "number":
        return _type_of(v) == "number" and math.isfinite(v)
    return _type_of(v) == t


def _js(v):
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)


def _num(v):
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def validate(node, value, path="$"):
    """Every error as "path: message"; [] when value matches node."""
    if "$ref" in node:
        return validate(_resolve(node["$ref"]), value, path)
    errors = []
    if "const" in node and value != node["const"]:
        return [f"{path}: must be {_js(node['const'])}, got {_js(value)}"]
    if "enum" in node and value not in node["enum"]:
        return [f"{path}: must be one of {', '.join(_js(e) for e in node['enum'])}, got {_js(value)}"]
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(_matches_type(t, value) for t in types):
            return [f"{path}: must be {' or '.join(types)}, got {_type_of(value)}"]
    branches = node.get("anyOf") or node.get("oneOf")
    if branches:
        resolved = [_resolve(b["$ref"]) if "$ref" in b else b for b in branches]
        tags = [b.get("properties", {}).get("type", {}).get("const") for b in resolved]
        # A union keyed on "type" (actions, messages): judge the value by the branch its "type" names.
        if _type_of(value) == "object" and all(t is not None for t in tags):
            if value.get("type") not in tags:
                return [f"{path}.type: must be one of {', '.join(_js(t) for t in tags)}, got {_js(value.get('type'))}"]
            return validate(resolved[tags.index(value["type"])], value, path)
        all_errors = [validate(b, value, path) for b in branches]
        if not any(len(e) == 0 for e in all_errors):
            errors.extend(sorted(all_errors, key=len)[0])
    if _type_of(value) == "number":
        if "minimum" in node and value < node["minimum"]:
            errors.append(f"{path}: must be ≥ {_num(node['minimum'])}, got {_num(value)}")
        if "maximum" in node and value > node["maximum"]:
            errors.append(f"{path}: must be ≤ {_num(node['maximum'])}, got {_num(value)}")
        if "exclusiveMinimum" in node and value <= node["exclusiveMinimum"]:
            errors.append(f"{path}: must be > {_num(node['exclusiveMinimum'])}, got {_num(value)}")
        if "exclusiveMaximum" in node and value >= node["exclusiveMaximum"]:
            errors.append(f"{path}: must be < {_num(node['exclusiveMaximum'])}, got {_num(value)}")
    if isinstance(value, str):
        if "minLength" in node and len(value) < node["minLength"]:
            errors.append(f"{path}: must have at least {node['minLength']} characters")
        if "maxLength" in node and len(value) > node["maxLength"]:
            errors.append(f"{path}: must have at most {node['maxLength']} characters")
    if isinstance(value, list):
        if "maxItems" in node and len(value) > node["maxItems"]:
            errors.append(f"{path}: at most {node['maxItems']} items, got {len(value)}")
        if "minItems" in node and len(value) < node["minItems"]:
            errors.append(f"{path}: at least {node['minItems']} items, got {len(value)}")
        if "items" in node:
            for i, item in enumerate(value):
                errors.extend(validate(node["items"], item, f"{path}[{i}]"))
    if _type_of(value) == "object":
        for key in node.get("required", []):
            if key not in value:
                errors.append(f'{path}: missing required field "{key}"')
        props = node.get("properties", {})
        extra = node.get("additionalProperties")
        for key, v in value.items():
            if key in props:
                errors.extend(validate(props[key], v, f"{path}.{key}"))
            elif extra is False:
                errors.append(f'{path}: unknown field "{key}"')
            elif isinstance(extra, dict):
                errors.extend(validate(extra, v, f"{path}.{key}"))
    return errors


def validate_message(direction, message):
    """Checks one protocol message: "fromBot" (ready, actions) or "toBot" (hello, day, end)."""
    return validate(schema()[direction], message)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: python3 kits/python/validate.py '{\"type\":\"actions\",\"actions\":[...]}'", file=sys.stderr)
        sys.exit(2)
    found = validate_message("fromBot", json.loads(sys.argv[1]))
    for e in found:
        print(e, file=sys.stderr)
    print(f"{len(found)} error(s)" if found else "valid")
    sys.exit(1 if found else 0)
