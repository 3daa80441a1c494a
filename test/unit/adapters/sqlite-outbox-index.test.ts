import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../../src/adapters/sqlite/sqlite-store';

describe('SQLite: the outbox due list uses the (status, readyAt) index', () => {
  it("plans the store's own query for a status and a ready time through documents_status_ready", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assurance-index-'));
    const path = join(dir, 'index.db');
    try {
      const store = new SqliteStore(path);
      await store.list('outbox', 'p', { where: { status: 'pending' }, upTo: { field: 'readyAt', value: '2026-11-25T10:00:00.000Z' } });
      await store.close();
      const db = new Database(path, { readonly: true });
      // The same SQL the store writes for that list call (where on status, upTo on readyAt).
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT id, etag, body FROM documents WHERE partnership_id = ? AND kind = ? AND +id > ? AND json_extract(body, '$.status') = ? AND json_extract(body, '$.readyAt') <= ? ORDER BY id LIMIT ?`)
        .all('p', 'outbox', '', 'pending', '2026-11-25T10:00:00.000Z', 101) as { detail: string }[];
      db.close();
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/USING INDEX documents_status_ready/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
