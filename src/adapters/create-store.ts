import type { TokenCredential } from '@azure/identity';
import type { StoreConfig } from '../config';
import type { DocumentStore } from '../ports/document-store';
import { CosmosStore } from './cosmos/cosmos-store';
import { SqliteStore } from './sqlite/sqlite-store';

/**
 * The Entra ID credential for Cosmos DB without a key: the user-assigned managed identity named by AZURE_CLIENT_ID on
 * App Service, or DefaultAzureCredential (Azure CLI sign-in, environment, ...) on a developer's machine.
 */
export async function cosmosCredentialOf(clientId: string | undefined): Promise<TokenCredential> {
  // Loaded only here: a bot on SQLite or a Cosmos key never pays for the identity library at start-up.
  const { DefaultAzureCredential, ManagedIdentityCredential } = await import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new DefaultAzureCredential();
}

/** Picks the store named by STORE. */
export async function createStore(config: StoreConfig): Promise<DocumentStore> {
  if (config.kind === 'cosmos') {
    const auth = config.auth.kind === 'key' ? { key: config.auth.key } : { credential: await cosmosCredentialOf(config.auth.clientId) };
    return CosmosStore.open({ endpoint: config.endpoint, auth, databaseId: config.databaseId });
  }
  return new SqliteStore(config.path);
}
