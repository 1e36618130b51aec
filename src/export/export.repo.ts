// The export log's queries: every export made is recorded (before it is sent) and listed newest first.
import neo4j from 'neo4j-driver';
import type { Db } from '../store/db.js';
import type { ExportRecord } from './export.schema.js';

export const EXPORT_LOG_QUERIES = ['export/record', 'export/list'] as const;

export class ExportRepo {
  constructor(private readonly db: Db) {
    db.require(EXPORT_LOG_QUERIES);
  }

  async record(record: ExportRecord): Promise<void> {
    await this.db.write('export/record', { ...record });
  }

  async list(limit: number): Promise<ExportRecord[]> {
    const rows = await this.db.inRead((tx) => tx.run('export/list', { limit: neo4j.int(limit) }));
    return rows.map((r) => {
      // NOTE: the size comes back as a Neo4j integer
      const e = r.export as Omit<ExportRecord, 'bytes'> & { bytes: unknown };
      return { ...e, bytes: Number(e.bytes ?? 0) };
    });
  }
}
