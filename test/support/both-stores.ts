import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store';
import type { DocumentStore } from '../../src/ports/document-store';
import { FixedTokenCredential } from './fixed-token-credential';
import { LocalCosmos, startLocalCosmos } from './local-cosmos';

export type StoreFactory = [name: string, open: () => Promise<DocumentStore>];

/**
 * The stores a contract suite runs on: SQLite in memory (plain, and keeping its projections) and Cosmos DB on the
 * local server, started in-process for the file (architecture.md rule 4: both must give the same answers). Call at the top of a test file, then
 * `describe.each(bothStores())`.
 */
export function bothStores(options: { withTokenCredential?: boolean } = {}): StoreFactory[] {
  let cosmos: LocalCosmos | undefined;
  beforeAll(async () => {
    cosmos = await startLocalCosmos();
  });
  afterAll(async () => {
    await cosmos?.stop();
  });
  const running = (): LocalCosmos => {
    if (!cosmos) throw new Error('the local Cosmos server is not running (bothStores() must be called at the top of the file)');
    return cosmos;
  };
  return [
    ['SqliteStore', async () => new SqliteStore(':memory:')],
    // The bot's SQLite store keeps projections of 1,000 rows and more in memory; here every one, so each suite checks it.
    ['SqliteStore (every projection kept in memory)', async () => new SqliteStore(':memory:', { cacheMinRows: 0 })],
    ['CosmosStore (local server)', async () => running().openStore()],
    // Production signs in with a managed identity: the same suite once more through the token-credential path.
    ...(options.withTokenCredential
      ? ([['CosmosStore (local server, Entra ID token)', async () => running().openStoreWithCredential(new FixedTokenCredential())]] as StoreFactory[])
      : []),
  ];
}
