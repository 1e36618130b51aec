// Writes and reads the bundle ZIP in memory (yazl / yauzl); reading keeps duplicates and errors per entry.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';

export interface ZipInput {
  name: string;
  data: Buffer;
}

export async function zipFiles(files: ZipInput[], mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addBuffer(f.data, f.name, { mtime, mode: 0o100644, compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export interface ZipEntryRead {
  name: string;
  data?: Buffer;
  /** Why the entry could not be read (corrupt compressed data, wrong size, …). */
  error?: string;
}

/** Refuses entries that claim more than this when inflated, so a crafted archive cannot exhaust memory. */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;

export function unzipFiles(buffer: Buffer): Promise<ZipEntryRead[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a ZIP archive'));
      const out: ZipEntryRead[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/')) {
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > MAX_ENTRY_BYTES) {
          out.push({ name, error: `claims ${entry.uncompressedSize} bytes, more than any bundle file` });
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            out.push({ name, error: e?.message ?? 'unreadable' });
            zip.readEntry();
            return;
          }
          collect(stream)
            .then((data) => out.push({ name, data }))
            .catch((se: unknown) => out.push({ name, error: (se as Error).message }))
            .finally(() => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
