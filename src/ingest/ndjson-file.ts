// Streams an NDJSON file in chunks of lines, so a file larger than memory goes through the ingest path.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Chunk {
  text: string;
  firstLine: number;
  lines: number;
  bytes: number;
}

export async function* ndjsonChunks(file: string, linesPerChunk: number): AsyncGenerator<Chunk> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let buf: string[] = [];
  let bytes = 0;
  let lineNo = 0;
  let first = 1;
  for await (const line of rl) {
    lineNo++;
    buf.push(line);
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    if (buf.length >= linesPerChunk) {
      yield { text: buf.join('\n'), firstLine: first, lines: buf.length, bytes };
      buf = [];
      bytes = 0;
      first = lineNo + 1;
    }
  }
  if (buf.length > 0) yield { text: buf.join('\n'), firstLine: first, lines: buf.length, bytes };
}
