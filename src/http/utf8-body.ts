// Request bodies must be valid UTF-8: decoding replaces a bad byte sequence with U+FFFD, so `col2\xff` and `col2\xfe`
// would silently become one id. Checked on the raw bytes, before any JSON parsing.
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Errors } from '../shared/errors.js';

/** The `verify` option of express.json / express.text: 400 for a body that is not valid UTF-8. */
export function utf8Only(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  if (!isUtf8(body)) {
    throw Errors.badRequest('the request body is not valid UTF-8; nothing was read or written');
  }
}
