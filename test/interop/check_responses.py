"""Checks real HTTP responses against the response schemas of an OpenAPI 3.1 document (openapi-schema-validator).

Usage: check_responses.py OPENAPI.json RESPONSES.json
RESPONSES.json: [{"method": "get", "path": "/v1/rings/{id}", "status": 200, "contentType": "application/json",
                  "body": ...}, ...]
Prints JSON: {"checked": n, "errors": [...], "undocumented": [...], "uncovered": [...]}; uncovered lists the
documented JSON responses no captured response exercised.
"""
import json
import sys

from openapi_schema_validator import OAS31Validator


def main():
    doc = json.load(open(sys.argv[1], encoding="utf-8"))
    responses = json.load(open(sys.argv[2], encoding="utf-8"))
    errors, undocumented, seen = [], [], set()
    for r in responses:
        where = f'{r["method"].upper()} {r["path"]} {r["status"]} {r["contentType"]}'
        op = doc["paths"].get(r["path"], {}).get(r["method"])
        documented = (op or {}).get("responses", {}).get(str(r["status"]))
        content = (documented or {}).get("content", {}).get(r["contentType"])
        if content is None:
            undocumented.append(where)
            continue
        seen.add((r["path"], r["method"], str(r["status"]), r["contentType"]))
        # the response schema, with the document's components beside it so its $refs resolve
        schema = {**content["schema"], "components": doc.get("components", {})}
        validator = OAS31Validator(schema)
        for e in sorted(validator.iter_errors(r["body"]), key=lambda e: list(e.path)):
            errors.append(f'{where}: {"/".join(str(p) for p in e.path) or "(body)"}: {e.message[:300]}')
    uncovered = []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for status, resp in op.get("responses", {}).items():
                for ctype in resp.get("content", {}):
                    if ctype.endswith("json") and (path, method, status, ctype) not in seen:
                        uncovered.append(f"{method.upper()} {path} {status} {ctype}")
    print(json.dumps({"checked": len(responses) - len(undocumented), "errors": errors,
                      "undocumented": undocumented, "uncovered": uncovered}, ensure_ascii=False))


if __name__ == "__main__":
    main()
