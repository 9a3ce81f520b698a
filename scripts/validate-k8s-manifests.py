#!/usr/bin/python3
"""Validates Kubernetes manifests offline against the API types of the Kubernetes Python client (Debian's
python3-kubernetes): every field must exist in its type (no typo survives, as `kubectl --validate=strict` would
refuse it), every value must have its type (a CPU quantity written as a number, an int written as a string), and
required fields must be there (the client's own models raise on a missing one). No cluster is needed.

Usage: validate-k8s-manifests.py FILE...   exit 0 when every document is valid, 1 with one line per problem.
"""
import re
import sys

import yaml
from kubernetes import client

KINDS = {
    ("v1", "ConfigMap"): "V1ConfigMap",
    ("v1", "Secret"): "V1Secret",
    ("v1", "Service"): "V1Service",
    ("batch/v1", "Job"): "V1Job",
}
DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def check(value, type_name, path, errors):
    """Checks `value` against the client's type name (`str`, `list[V1Container]`, `dict(str, str)`, `V1Job`…)."""
    if value is None:
        return
    if type_name.startswith("list["):
        if not isinstance(value, list):
            errors.append(f"{path}: expected a list, got {type(value).__name__}")
            return
        for i, item in enumerate(value):
            check(item, type_name[5:-1], f"{path}[{i}]", errors)
    elif type_name.startswith("dict("):
        if not isinstance(value, dict):
            errors.append(f"{path}: expected a mapping, got {type(value).__name__}")
            return
        inner = type_name[5:-1].split(", ", 1)[1]
        for key, item in value.items():
            check(item, inner, f"{path}.{key}", errors)
    elif type_name == "str":
        if not isinstance(value, str):
            errors.append(f"{path}: expected a string, got {type(value).__name__} {value!r}")
    elif type_name == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            errors.append(f"{path}: expected an integer, got {type(value).__name__} {value!r}")
    elif type_name == "bool":
        if not isinstance(value, bool):
            errors.append(f"{path}: expected true or false, got {value!r}")
    elif type_name in ("object", "datetime", "date", "float"):
        return
    else:
        model = getattr(client, type_name)
        if not isinstance(value, dict):
            errors.append(f"{path}: expected a {type_name} mapping, got {type(value).__name__}")
            return
        fields = {json: attr for attr, json in model.attribute_map.items()}
        for key, item in value.items():
            if key not in fields:
                errors.append(f"{path}: unknown field {key!r} in {type_name}")
                continue
            check(item, model.openapi_types[fields[key]], f"{path}.{key}", errors)


def validate(path):
    errors = []
    with open(path, encoding="utf-8") as f:
        documents = [d for d in yaml.safe_load_all(f) if d is not None]
    for n, doc in enumerate(documents):
        where = f"{path}#{n}"
        kind = KINDS.get((doc.get("apiVersion"), doc.get("kind")))
        if kind is None:
            errors.append(f"{where}: unknown apiVersion/kind {doc.get('apiVersion')}/{doc.get('kind')}")
            continue
        check(doc, kind, where, errors)
        name = (doc.get("metadata") or {}).get("name", "")
        if not DNS_LABEL.match(name) or len(name) > 63:
            errors.append(f"{where}: metadata.name {name!r} is not a DNS label")
        try:
            # The client's models raise on a missing required field (containers, image, a volume's name…).
            client.ApiClient()._ApiClient__deserialize(doc, kind)
        except (ValueError, TypeError) as error:
            errors.append(f"{where}: {error}")
    return errors


def main():
    if len(sys.argv) < 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    problems = [e for path in sys.argv[1:] for e in validate(path)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
