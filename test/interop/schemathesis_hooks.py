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


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    """Negative cases of POST /v1/ingest go all-or-nothing.

    With `partial=true` the service writes the valid records and lists the invalid ones in `rejected` (200), as the
    document says of that parameter; a record the schema refuses is then answered in the body, not with a 4xx. When
    what a negative case breaks is elsewhere (a record), its `partial=true` is dropped, so the refusal shows as 422.
    """
    meta = getattr(case, "meta", None)
    negative = meta is not None and str(meta.generation.mode) == "negative"
    if (
        negative
        and case.method.upper() == "POST"
        and case.path == "/v1/ingest"
        and isinstance(case.query, dict)
        and case.query.get("partial") in ("true", "1")
    ):
        del case.query["partial"]
