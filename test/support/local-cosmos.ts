import { createHttpsServer } from '@vercel/cosmosdb-server';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:https';
import type { TokenCredential } from '@azure/identity';
import { CosmosStore } from '../../src/adapters/cosmos/cosmos-store';

/** The well-known Cosmos emulator key; the local server accepts any key. */
export const LOCAL_COSMOS_KEY = 'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU9DLJ8b5w8hYQ3Zj9ZQ4kNeGXzULHD3bBAHwXKJwgK4Dcmw==';

export interface LocalCosmos {
  endpoint: string;
  agent: Agent;
  server: Server;
  /** A store on a fresh database of its own, so suites never see each other's data. */
  openStore(databaseId?: string): Promise<CosmosStore>;
  /**
   * The same, signed in with an Entra ID token credential as in production: the database and container are made
   * first with the key (the deployment template's part), then the store opens them with the credential only.
   */
  openStoreWithCredential(credential: TokenCredential, databaseId?: string): Promise<CosmosStore>;
  /** The Authorization header of every request the server received, in order. */
  authorizations: string[];
  stop(): Promise<void>;
}

let databaseCounter = 0;

/**
 * Starts @vercel/cosmosdb-server in this process on a free loopback port. Its bundled certificate has expired,
 * so the client gets its own agent that skips verification; the process-wide TLS setting is never touched.
 */
export async function startLocalCosmos(): Promise<LocalCosmos> {
  const server = createHttpsServer({ keepAlive: true } as never) as unknown as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `https://127.0.0.1:${port}`;
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  const stores: CosmosStore[] = [];
  const authorizations: string[] = [];
  server.on('request', (request: { headers: Record<string, string | string[] | undefined> }) => {
    authorizations.push(String(request.headers.authorization ?? ''));
  });
  return {
    endpoint,
    agent,
    server,
    authorizations,
    async openStore(databaseId = `test-${process.pid}-${++databaseCounter}`) {
      const store = await CosmosStore.open({ endpoint, auth: { key: LOCAL_COSMOS_KEY }, databaseId, agent });
      stores.push(store);
      return store;
    },
    async openStoreWithCredential(credential, databaseId = `test-${process.pid}-${++databaseCounter}`) {
      const provisioned = await CosmosStore.open({ endpoint, auth: { key: LOCAL_COSMOS_KEY }, databaseId, agent });
      await provisioned.close();
      const store = await CosmosStore.open({ endpoint, auth: { credential }, databaseId, agent });
      stores.push(store);
      return store;
    },
    async stop() {
      await Promise.all(stores.map((store) => store.close()));
      agent.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
