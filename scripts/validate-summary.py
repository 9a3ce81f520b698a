#!/usr/bin/env python3
"""Validates summary.json files against docs/summary.schema.json (JSON Schema draft 2020-12) with Python's
jsonschema. The schema itself is checked first: it must be a valid draft 2020-12 schema, and every object it
describes field by field must say `additionalProperties: false`, so a field added in code but not in the schema
fails validation instead of slipping through.

Usage: validate-summary.py SCHEMA FILE...   exit 0 when every file is valid; 1 with one line per problem;
3 when jsonschema is missing (`make test` installs it).
"""
import json
import sys

try:
    from jsonschema import Draft202012Validator
except ImportError as error:
    sys.stderr.write(f"MISSING-MODULE {error}\n")
    sys.exit(3)


def loose_objects(node, path, found):
    """JSON pointers of schema objects that list `properties` but let unknown fields through."""
    if isinstance(node, dict):
        if "properties" in node and node.get("additionalProperties") is not False:
            found.append(path or "/")
        for key, value in node.items():
            loose_objects(value, f"{path}/{key}", found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            loose_objects(value, f"{path}/{index}", found)


def main(arguments):
    if len(arguments) < 2:
        sys.stderr.write(__doc__)
        return 2
    with open(arguments[0], encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    problems = []
    loose = []
    loose_objects(schema, "", loose)
    problems += [f"{arguments[0]}: {pointer}: lists properties without additionalProperties: false" for pointer in loose]
    validator = Draft202012Validator(schema)
    for name in arguments[1:]:
        with open(name, encoding="utf-8") as f:
            document = json.load(f)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path) or "."
            problems.append(f"{name}: {where}: {error.message}")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
