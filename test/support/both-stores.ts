import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store';
import type { DocumentStore } from '../../src/ports/document-store';
import { LocalCosmos, startLocalCosmos } from './local-cosmos';

export type StoreFactory = [name: string, open: () => Promise<DocumentStore>];

/**
 * The stores a contract suite runs on: SQLite in memory and Cosmos DB on the local server, started in-process for
 * the file (architecture.md rule 4: both must give the same answers). Call at the top of a test file, then
 * `describe.each(bothStores())`.
 */
export function bothStores(): StoreFactory[] {
  let cosmos: LocalCosmos | undefined;
  beforeAll(async () => {
    cosmos = await startLocalCosmos();
  });
  afterAll(async () => {
    await cosmos?.stop();
  });
  return [
    ['SqliteStore', async () => new SqliteStore(':memory:')],
    [
      'CosmosStore (local server)',
      async () => {
        if (!cosmos) throw new Error('the local Cosmos server is not running (bothStores() must be called at the top of the file)');
        return cosmos.openStore();
      },
    ],
  ];
}
