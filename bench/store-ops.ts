import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store';
import type { DocumentStore } from '../src/ports/document-store';
import { startLocalCosmos } from '../test/support/local-cosmos';
import { heading, ms, percentile, row, sample } from './stats';

const OPS = 500;
const P = 'bench-partnership';

/** A 1 KB action-like record, the size the Cosmos RU figures assume. */
function record(id: string) {
  return { id, description: 'x'.repeat(800), status: 'IN_PROGRESS', agencyId: 'lancashire-constabulary', themes: ['neglect', 'information-sharing'] };
}

async function measure(name: string, store: DocumentStore): Promise<void> {
  for (let index = 0; index < OPS; index += 1) await store.create('action', P, record(`seed-${index}`));
  const writes = await sample(OPS, (index) => store.upsert('action', P, record(`write-${index}`)));
  const reads = await sample(OPS, (index) => store.get('action', P, `seed-${index % OPS}`));
  row(`${name}: point read`, `p50 ${ms(percentile(reads, 50))}`, `p95 ${ms(percentile(reads, 95))}`);
  row(`${name}: point write (upsert)`, `p50 ${ms(percentile(writes, 50))}`, `p95 ${ms(percentile(writes, 95))}`);
}

/** Point read and write latency of a 1 KB record on SQLite (a WAL file) and on the local Cosmos server. */
export async function benchStoreOps(): Promise<void> {
  heading(`Store point operations (${OPS} each, 1 KB records)`);
  const dir = mkdtempSync(join(tmpdir(), 'assurance-bench-'));
  const sqlite = new SqliteStore(join(dir, 'bench.db'));
  await measure('SQLite (file, WAL)', sqlite);
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
  const cosmos = await startLocalCosmos();
  const store = await cosmos.openStore('bench');
  await measure('Cosmos (local server, in-process)', store);
  await cosmos.stop();
}
