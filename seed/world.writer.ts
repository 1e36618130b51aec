// Writes a generated world to disk: DIR/world.ndjson (one ingest record a line) and DIR/truth.json.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { World } from './world.types.js';

export interface WrittenWorld {
  ndjsonPath: string;
  truthPath: string;
  ndjsonBytes: number;
  truthBytes: number;
}

/** Lines are written in chunks through a stream, so worlds larger than one JS string still write. */
export async function writeWorld(world: World, dir: string): Promise<WrittenWorld> {
  await mkdir(dir, { recursive: true });
  const ndjsonPath = join(dir, 'world.ndjson');
  const truthPath = join(dir, 'truth.json');

  const out = createWriteStream(ndjsonPath, { encoding: 'utf8' });
  const finished = once(out, 'finish');
  const CHUNK = 2_000;
  for (let i = 0; i < world.records.length; i += CHUNK) {
    let chunk = '';
    for (const r of world.records.slice(i, i + CHUNK)) chunk += `${JSON.stringify(r)}\n`;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await finished;

  await writeFile(truthPath, `${JSON.stringify(world.truth, null, 2)}\n`, 'utf8');
  const [n, t] = await Promise.all([stat(ndjsonPath), stat(truthPath)]);
  return { ndjsonPath, truthPath, ndjsonBytes: n.size, truthBytes: t.size };
}
