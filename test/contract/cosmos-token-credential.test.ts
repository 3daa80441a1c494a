import { CosmosStore } from '../../src/adapters/cosmos/cosmos-store';
import { FixedTokenCredential } from '../support/fixed-token-credential';
import { LocalCosmos, startLocalCosmos } from '../support/local-cosmos';

/** The managed-identity path of CosmosStore against the local server: signed with the token, never creating anything. */
describe('CosmosStore with a token credential (managed identity)', () => {
  let cosmos: LocalCosmos;
  beforeAll(async () => {
    cosmos = await startLocalCosmos();
  });
  afterAll(async () => {
    await cosmos.stop();
  });

  it('asks the credential for the account scope and signs every request with the token, never the key', async () => {
    const credential = new FixedTokenCredential('token-from-the-identity');
    const store = await cosmos.openStoreWithCredential(credential);
    const before = cosmos.authorizations.length;
    await store.create('note', 'p1', { id: 'n1', title: 'First' });
    await expect(store.get('note', 'p1', 'n1')).resolves.toMatchObject({ title: 'First' });
    const sent = cosmos.authorizations.slice(before);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const header of sent) expect(decodeURIComponent(header)).toBe('type=aad&ver=1.0&sig=token-from-the-identity');
    expect(credential.scopes).toContain(`${cosmos.endpoint}/.default`);
  });

  it('opens without a request and does not create a missing database: the template creates it', async () => {
    const before = cosmos.authorizations.length;
    const store = await CosmosStore.open({ endpoint: cosmos.endpoint, auth: { credential: new FixedTokenCredential() }, databaseId: 'never-created', agent: cosmos.agent });
    expect(cosmos.authorizations.length).toBe(before);
    await expect(store.ping()).rejects.toMatchObject({ code: 404 });
    await store.close();
  });
});
