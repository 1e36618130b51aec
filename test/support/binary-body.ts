// A supertest parser that keeps a response body as bytes (zip bundles, PNGs, GraphML with a BOM).
import type { Response } from 'superagent';

export function binary(res: Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
