import { messageActivity, PEOPLE, TENANT_ID } from '../support/activities';
import { cardText } from '../support/bot-harness';
import { E2eApp, startE2eApp, useLocalApp } from '../support/e2e-app';

describe('e2e: the bot over HTTP in local mode (no BOT_ID)', () => {
  const local = useLocalApp();
  beforeEach(() => local.connector.reset());

  it('answers help with a card posted back to the connector as a reply', async () => {
    const activity = messageActivity(PEOPLE.admin, 'help', { serviceUrl: local.connector.url });
    const response = await local.app.post(activity);
    expect(response.status).toBe(200);
    const [call] = local.connector.sentActivities();
    expect(call.path).toBe(`/v3/conversations/${activity.conversation.id}/activities/${activity.id}`);
    expect(cardText(local.connector.sentCards()[0])).toContain('link agency ‹name›');
  });

  it('reports liveness and readiness', async () => {
    expect((await fetch(`${local.app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${local.app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { store: { ok: true }, scheduler: { ok: true } } });
  });

  const good = () => messageActivity(PEOPLE.admin, 'help', { serviceUrl: 'http://127.0.0.1:9/' }) as Record<string, unknown>;
  const refusals: [string, () => unknown, number, RegExp][] = [
    ['bad JSON', () => '{"type": "message",', 400, /not valid JSON/],
    ['a JSON array', () => '[]', 400, /JSON object/],
    ['no type', () => ({ ...good(), type: undefined }), 400, /no "type"/],
    ['no conversation', () => ({ ...good(), conversation: undefined }), 400, /no "conversation"/],
    ['no serviceUrl', () => ({ ...good(), serviceUrl: undefined }), 400, /no "serviceUrl"/],
    ['a serviceUrl that is not a URL', () => ({ ...good(), serviceUrl: 'not a url' }), 400, /serviceUrl/],
    ['a body over 256 KB', () => ({ ...good(), text: 'x'.repeat(300 * 1024) }), 413, /larger than 256 KB/],
  ];

  it.each(refusals)('refuses %s with a reason, before the adapter, and sends nothing', async (_name, body, status, reason) => {
    const response = await local.app.post(body());
    expect(response.status).toBe(status);
    expect((response.body as { error: string }).error).toMatch(reason);
    expect(local.connector.calls).toHaveLength(0);
  });
});

describe('e2e: the bot over HTTP with BOT_ID set', () => {
  let app: E2eApp;

  afterEach(async () => {
    await app.stop();
  });

  it('refuses a request without a Bot Framework token with 401', async () => {
    app = await startE2eApp({ BOT_ID: '9a1f0f4e-6f1c-4c51-9d2e-3a4b5c6d7e8f', BOT_PASSWORD: 'not-a-real-secret' });
    const response = await app.post(messageActivity(PEOPLE.admin, 'help'));
    expect(response.status).toBe(401);
  });

  it('checks the token before the tenant: an unverifiable token from a tenant outside ALLOWED_TENANT_IDS gets 401, not 403', async () => {
    app = await startE2eApp({
      BOT_ID: '9a1f0f4e-6f1c-4c51-9d2e-3a4b5c6d7e8f',
      BOT_PASSWORD: 'not-a-real-secret',
      ALLOWED_TENANT_IDS: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    });
    expect(TENANT_ID).not.toBe('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
    const response = await app.post(messageActivity(PEOPLE.admin, 'help'), { Authorization: 'Bearer some-token' });
    expect(response.status).toBe(401);
    expect((response.body as { error: string }).error).not.toMatch(/tenant/);
  });
});
