import type { StoreConfig } from '../config';
import type { DocumentStore } from '../ports/document-store';
import { CosmosStore } from './cosmos/cosmos-store';
import { SqliteStore } from './sqlite/sqlite-store';

/** Picks the store named by STORE. */
export async function createStore(config: StoreConfig): Promise<DocumentStore> {
  if (config.kind === 'cosmos') {
    return CosmosStore.open({ endpoint: config.endpoint, key: config.key, databaseId: config.databaseId });
  }
  return new SqliteStore(config.path);
}
