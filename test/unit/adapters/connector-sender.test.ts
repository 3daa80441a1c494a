import { ConnectorSender, retryAfterMsOf } from '../../../src/adapters/teams/connector-sender';
import { FakeConnector } from '../../support/fake-connector';

describe('ConnectorSender: Bot Connector answers become delivery results', () => {
  let connector: FakeConnector;
  const sender = new ConnectorSender(async () => undefined, 5_000);
  const reference = () => ({ serviceUrl: connector.url, bot: { id: '28:bot' }, conversation: { id: 'a:chat-1', conversationType: 'personal' }, user: { id: '29:user' } });
  const send = () => sender.send(reference(), { type: 'message', text: 'hello' }, { idempotencyKey: 'OVERDUE|a1|2026-11-25|member:m1' });

  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterAll(async () => {
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  it('posts to the conversation with the idempotency key and returns the new activity id', async () => {
    expect(await send()).toEqual({ status: 'sent', activityId: expect.stringMatching(/^activity-/) });
    const [call] = connector.calls;
    expect(call).toMatchObject({ path: '/v3/conversations/a:chat-1/activities', idempotencyKey: 'OVERDUE|a1|2026-11-25|member:m1' });
    expect(call.body).toMatchObject({ type: 'message', text: 'hello', from: { id: '28:bot' }, recipient: { id: '29:user' } });
  });

  const cases: [string, Parameters<FakeConnector['failNext']>[0], unknown][] = [
    ['429 with Retry-After', { status: 429, retryAfterInSeconds: 2 }, { status: 'throttled', retryAfterMs: 2000 }],
    ['403 BotNotInConversationRoster', { status: 403, code: 'BotNotInConversationRoster' }, { status: 'gone', code: 'BotNotInConversationRoster' }],
    ['403 MessageWritesBlocked', { status: 403, code: 'MessageWritesBlocked' }, { status: 'gone', code: 'MessageWritesBlocked' }],
    ['403 for another reason', { status: 403, code: 'Forbidden' }, { status: 'failed', code: 'Forbidden', retryable: false }],
    ['404 ConversationNotFound', { status: 404, code: 'ConversationNotFound' }, { status: 'gone', code: 'ConversationNotFound' }],
    ['412', { status: 412 }, { status: 'failed', code: 'ServiceError', retryable: true }],
    ['500', { status: 500 }, { status: 'failed', code: 'ServiceError', retryable: true }],
    ['502', { status: 502 }, { status: 'failed', code: 'ServiceError', retryable: true }],
    ['504', { status: 504 }, { status: 'failed', code: 'ServiceError', retryable: true }],
    ['400', { status: 400, code: 'BadArgument' }, { status: 'failed', code: 'BadArgument', retryable: false }],
  ];
  it.each(cases)('%s', async (_name, failure, expected) => {
    connector.failNext(failure);
    expect(await send()).toEqual(expected);
  });

  it('reports an unreachable connector as a retryable failure', async () => {
    const offline = await new ConnectorSender(async () => undefined, 2_000).send(
      { ...reference(), serviceUrl: 'http://127.0.0.1:9/' }, { type: 'message' }, { idempotencyKey: 'k' },
    );
    expect(offline).toMatchObject({ status: 'failed', retryable: true });
  });

  it('reports a token that cannot be had as a retryable failure, without calling the connector', async () => {
    const noToken = new ConnectorSender(async () => Promise.reject(new Error('identity platform down')));
    expect(await noToken.send(reference(), { type: 'message' }, { idempotencyKey: 'k' })).toEqual({ status: 'failed', code: 'TOKEN_UNAVAILABLE', retryable: true });
    expect(connector.calls).toHaveLength(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMsOf('3', 0)).toBe(3000);
    expect(retryAfterMsOf(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMsOf(null, 0)).toBe(1000);
  });
});
