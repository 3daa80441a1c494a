import { ConfigError, loadConfig } from '../../src/config';
import { cosmosCredentialOf } from '../../src/adapters/create-store';
import { createTokenSource } from '../../src/adapters/teams/connector-sender';
import { createTeamsAdapter } from '../../src/adapters/teams/create-adapter';
import { ManagedIdentityCredential, DefaultAzureCredential } from '@azure/identity';

const CLIENT_ID = '5f0c1b2a-3d4e-4f60-8a7b-9c0d1e2f3a4b';
const TENANT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const MSI = { BOT_ID: CLIENT_ID, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT_ID };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('production settings (issue 13)', () => {
  it('runs the bot as a user-assigned managed identity: client id and tenant, no password', () => {
    const config = loadConfig(MSI);
    expect(config.bot).toEqual({ appId: CLIENT_ID, appPassword: '', appType: 'UserAssignedMSI', tenantId: TENANT_ID });
    expect(config.authEnabled).toBe(true);
    // botbuilder checks the same rules when it builds its credentials; nothing is fetched until a send.
    expect(() => createTeamsAdapter(config.bot)).not.toThrow();
    expect(typeof createTokenSource(config.bot)).toBe('function');
  });

  it('reaches Cosmos DB with the managed identity when COSMOS_KEY is empty, or with DefaultAzureCredential for a developer', async () => {
    const config = loadConfig({ ...MSI, STORE: 'cosmos', COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', AZURE_CLIENT_ID: CLIENT_ID });
    expect(config.store).toEqual({ kind: 'cosmos', endpoint: 'https://acct.documents.azure.com:443/', databaseId: 'assurance-bot', auth: { kind: 'identity', clientId: CLIENT_ID } });
    expect(await cosmosCredentialOf(CLIENT_ID)).toBeInstanceOf(ManagedIdentityCredential);
    expect(await cosmosCredentialOf(undefined)).toBeInstanceOf(DefaultAzureCredential);
    expect(loadConfig({ STORE: 'cosmos', COSMOS_ENDPOINT: 'https://localhost:8081/', COSMOS_KEY: 'k' }).store).toMatchObject({ auth: { kind: 'key', key: 'k' } });
  });

  it('names every missing or contradictory production setting in one message', () => {
    const problems = problemsOf({ BOT_TYPE: 'UserAssignedMSI', BOT_ID: CLIENT_ID, BOT_PASSWORD: 'secret', STORE: 'cosmos', CLOCK_NOW: '2026-12-01T09:00:00Z' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^BOT_TENANT_ID: required when BOT_TYPE=UserAssignedMSI/),
        expect.stringMatching(/^BOT_PASSWORD: must be empty when BOT_TYPE=UserAssignedMSI/),
        expect.stringMatching(/^COSMOS_ENDPOINT: required when STORE=cosmos/),
        expect.stringMatching(/^CLOCK_NOW: only allowed in local mode/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('refuses MSI without BOT_ID, a key next to a managed identity, Cosmos settings without STORE=cosmos, and a malformed client id', () => {
    expect(problemsOf({ BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT_ID })).toEqual([expect.stringMatching(/^BOT_ID: required when BOT_TYPE=UserAssignedMSI/)]);
    expect(problemsOf({ STORE: 'cosmos', COSMOS_ENDPOINT: 'https://a/', COSMOS_KEY: 'k', AZURE_CLIENT_ID: CLIENT_ID })).toEqual([expect.stringMatching(/^COSMOS_KEY: leave it empty/)]);
    expect(problemsOf({ COSMOS_ENDPOINT: 'https://a/' })).toEqual([expect.stringMatching(/^STORE: set STORE=cosmos/)]);
    expect(problemsOf({ AZURE_CLIENT_ID: 'not-a-guid' })).toEqual([expect.stringMatching(/^AZURE_CLIENT_ID: /)]);
  });
});
