"""Schemathesis hooks of the contract test (test/integration/schemathesis.test.ts), loaded with SCHEMATHESIS_HOOKS.

POST /v1/ingest takes NDJSON, one record a line; OpenAPI 3.1 cannot describe a sequence of JSON texts, so the
document describes that body as the array of its lines (src/ingest/ingest.openapi.ts). This serializer writes such
an array one JSON text a line, and anything else (what negative testing generates) as one line.
"""
import json

import schemathesis


@schemathesis.serializer("application/x-ndjson", "application/ndjson")
def ndjson(ctx, value):
    items = value if isinstance(value, list) else [value]
    return "\n".join(json.dumps(item) for item in items).encode("utf-8")
