import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ClaimsIdentity } from 'botframework-connector';
import { executeActivity, messageActivity, PEOPLE, TENANT_ID } from '../support/activities';
import { E2eApp, startE2eApp, useLocalApp } from '../support/e2e-app';
import { createServer, type InboundAdapter } from '../../src/http/server';
import { MemoryLogger } from '../support/silent-logger';
import type { DocumentStore } from '../../src/ports/document-store';

const APP_ID = '9a1f0f4e-6f1c-4c51-9d2e-3a4b5c6d7e8f';
const APP_PASSWORD = 'not-a-real-secret';
const OTHER_TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: 'https://api.botframework.com',
  aud: APP_ID,
  serviceurl: 'https://smba.example.invalid/uk/',
  nbf: now() - 60,
  exp: now() + 3600,
  ...overrides,
});
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rs256 = (payload: object, kid = 'unknown-key-id') => {
  const head = `${base64url({ alg: 'RS256', typ: 'JWT', kid })}.${base64url(payload)}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), privateKey).toString('base64url')}`;
};

/** Forged tokens an attacker can make without Microsoft's keys (issue 9, item 7). */
const FORGED: [string, string][] = [
  ['alg none', `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`],
  ['self-signed RS256 with an unknown key id', rs256(claims())],
  ['HS256 signed with the app password', (() => {
    const head = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims())}`;
    return `${head}.${createHmac('sha256', APP_PASSWORD).update(head).digest('base64url')}`;
  })()],
  ['an expired token', rs256(claims({ nbf: now() - 7200, exp: now() - 3600 }))],
  ['a malformed token', 'not.a.jwt'],
];

describe('e2e: forged tokens with BOT_ID set (item 7)', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp({ BOT_ID: APP_ID, BOT_PASSWORD: APP_PASSWORD, ALLOWED_TENANT_IDS: TENANT_ID });
  });
  afterAll(async () => app.stop());

  it.each(FORGED)('refuses %s with 401 and no internal detail in the body', async (_name, token) => {
    const response = await app.post(messageActivity(PEOPLE.admin, 'help'), { Authorization: `Bearer ${token}` });
    expect(response.status).toBe(401);
    const body = JSON.stringify(response.body);
    expect(body).not.toMatch(/botframework\.com|login\.|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|metadata|stack|Error:/i);
    expect(response.body).toEqual({ error: 'The request is not authorised: send a valid Bot Framework token.' });
  });

  it('checks the token before the tenant: a forged token from another tenant gets 401, not 403 (item 8)', async () => {
    const activity = messageActivity(PEOPLE.admin, 'help');
    const otherTenant = { ...activity, conversation: { ...activity.conversation, tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } };
    expect((await app.post(otherTenant, { Authorization: `Bearer ${rs256(claims())}` })).status).toBe(401);
    expect((await app.post(otherTenant)).status).toBe(401);
  });

  it('logs the refused token by error name only', () => {
    const entries = (app.logger as MemoryLogger).lines.filter((entry) => entry.message === 'token refused');
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(JSON.stringify(entry)).not.toMatch(/Bearer|eyJ/);
  });
});

describe('tenant check from the token and the conversation together (item 8)', () => {
  const logger = new MemoryLogger();
  let url: string;
  let tokenTenant: string | undefined;
  let turns = 0;
  const adapter: InboundAdapter = {
    authenticate: async () => {
      const identity = new ClaimsIdentity(tokenTenant ? [{ type: 'tid', value: tokenTenant }] : [], true);
      return { claims: identity.claims, result: { claimsIdentity: identity } as never };
    },
    run: async () => {
      turns += 1;
      return undefined;
    },
  };
  const server = createServer({
    adapter,
    store: {} as DocumentStore,
    logger,
    authEnabled: false,
    allowedTenantIds: [TENANT_ID],
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    turns = 0;
    tokenTenant = undefined;
  });

  const post = async (activity: object) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) })).status;
  const withTenants = (conversationTenant: string | undefined, channelTenant: string | undefined) => {
    const activity = messageActivity(PEOPLE.admin, 'help');
    return { ...activity, conversation: { ...activity.conversation, tenantId: conversationTenant }, channelData: channelTenant ? { tenant: { id: channelTenant } } : {} };
  };

  it.each([
    ['allowed in both', TENANT_ID, TENANT_ID, undefined, 200],
    ['allowed in the conversation only', TENANT_ID, undefined, undefined, 200],
    ['allowed in channel data, another tenant in the conversation', OTHER_TENANT, TENANT_ID, undefined, 403],
    ['allowed in the conversation, another tenant in channel data', TENANT_ID, OTHER_TENANT, undefined, 403],
    ['no tenant at all', undefined, undefined, undefined, 403],
    ['allowed in the activity, another tenant in the token', TENANT_ID, TENANT_ID, OTHER_TENANT, 403],
    ['allowed in the activity and the token', TENANT_ID, TENANT_ID, TENANT_ID, 200],
  ])('%s', async (_name, conversationTenant, channelTenant, fromToken, status) => {
    tokenTenant = fromToken;
    expect(await post(withTenants(conversationTenant, channelTenant))).toBe(status);
    expect(turns).toBe(status === 200 ? 1 : 0);
  });
});

describe('e2e: bad activities get 400 with a reason, never 5xx (item 9)', () => {
  const local = useLocalApp();
  beforeEach(() => local.connector.reset());

  const good = () => messageActivity(PEOPLE.admin, 'help', { serviceUrl: local.connector.url }) as Record<string, unknown>;
  const press = (data: Record<string, unknown>) => executeActivity(PEOPLE.admin, 'action.refresh', data, { serviceUrl: local.connector.url }) as Record<string, unknown>;
  const cases: [string, () => unknown, RegExp][] = [
    ['a string "from"', () => ({ ...good(), from: 'mallory' }), /"from"/],
    ['a numeric "from.id"', () => ({ ...good(), from: { id: 42 } }), /"from.id"/],
    ['an array "recipient"', () => ({ ...good(), recipient: [] }), /"recipient"/],
    ['a string "conversation"', () => ({ ...good(), conversation: 'c1' }), /"conversation"/],
    ['a numeric "locale"', () => ({ ...good(), locale: 12 }), /"locale"/],
    ['a numeric "text"', () => ({ ...good(), text: 12345 }), /"text"/],
    ['an object "text"', () => ({ ...good(), text: { evil: true } }), /"text"/],
    ['"entities: [null]"', () => ({ ...good(), entities: [null] }), /"entities.0"/],
    ['a string "channelData"', () => ({ ...good(), channelData: 'x' }), /"channelData"/],
    ['a numeric tenant id', () => ({ ...good(), channelData: { tenant: { id: 7 } } }), /"channelData.tenant.id"/],
    ['a text over 28 KB', () => ({ ...good(), text: 'x'.repeat(29 * 1024) }), /"text" is too long/],
    ['an unknown invoke', () => ({ ...good(), type: 'invoke', name: 'composeExtension/query', value: {} }), /"name"/],
    ['an invoke without a name', () => ({ ...good(), type: 'invoke', value: {} }), /"name"/],
    ['a card action with value null', () => ({ ...press({}), value: null }), /"value"/],
    ['a card action without a verb', () => ({ ...press({}), value: { action: { type: 'Action.Execute' } } }), /"value"/],
    ['a message whose value is a string', () => ({ ...good(), value: 'verb' }), /"value"/],
  ];

  it.each(cases)('refuses %s with 400, naming the field, and runs no turn', async (_name, body, reason) => {
    const response = await local.app.post(body());
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toMatch(reason);
    expect(local.connector.calls).toHaveLength(0);
  });

  it('answers a card button with an unknown verb with an error card (200), not 501', async () => {
    const activity = executeActivity(PEOPLE.admin, 'action.launchMissiles', {}, { serviceUrl: local.connector.url });
    const response = await local.app.post(activity);
    expect(response.status).toBe(200);
    const body = response.body as { statusCode: number; type: string; value: unknown };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.value)).toContain('not one the bot knows');
  });

  it('gives up on an unreachable serviceUrl within the turn budget and answers without a 5xx', async () => {
    const started = Date.now();
    const response = await local.app.post(messageActivity(PEOPLE.admin, 'help', { serviceUrl: 'http://127.0.0.1:9/' }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.status).toBeLessThan(500);
  });

  it('never puts an internal error in a response body', async () => {
    const response = await local.app.post(messageActivity(PEOPLE.admin, 'help', { serviceUrl: 'http://127.0.0.1:9/' }));
    expect(JSON.stringify(response.body ?? '')).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  });
});
