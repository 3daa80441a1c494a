import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId?: string;
  body: Record<string, unknown> | undefined;
  at: number;
  /** What the fake answered. */
  status: number;
}

/** A scripted answer, used instead of 200 for the next matching call. */
export interface ScriptedFailure {
  status: number;
  code?: string;
  retryAfterInSeconds?: number;
  /** Only calls whose path contains this (e.g. a conversation id) are failed; default any. */
  pathIncludes?: string;
}

export interface FakeConnectorOptions {
  /** Delay before answering each call, as a remote service has. */
  latencyInMs?: number;
}

/**
 * A stand-in for the Bot Connector service (smba.trafficmanager.net): records every /v3 call the bot makes and
 * answers as Teams does, or with 429 / 403 / 500 when told to.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  private readonly failures: ScriptedFailure[] = [];
  private readonly server: Server;
  private activityCounter = 0;
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(private readonly options: FakeConnectorOptions) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
    const connector = new FakeConnector(options);
    await new Promise<void>((resolve) => connector.server.listen(0, '127.0.0.1', resolve));
    return connector;
  }

  /** Use as the activity's serviceUrl. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** The next calls (matching `pathIncludes`) get this answer, once per entry. */
  failNext(failure: ScriptedFailure, times = 1): void {
    for (let index = 0; index < times; index += 1) this.failures.push(failure);
  }

  /** Messages the bot sent (new activities and replies), in order. */
  sentActivities(): ConnectorCall[] {
    return this.calls.filter((call) => call.method === 'POST' && /\/activities(\/|$)/.test(call.path) && call.status < 300);
  }

  /** Adaptive cards in the sent activities. */
  sentCards(): Record<string, unknown>[] {
    return this.sentActivities().flatMap((call) =>
      ((call.body?.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined) ?? [])
        .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((attachment) => attachment.content),
    );
  }

  /** Resolves once at least `count` calls have been recorded. */
  waitForCalls(count: number, timeoutInMs = 10_000): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`FakeConnector saw ${this.calls.length} calls, expected ${count}`)), timeoutInMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.length = 0;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    if (this.options.latencyInMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyInMs));

    const conversationMatch = /^\/v3\/conversations\/([^/]+)/.exec(path);
    const failureIndex = this.failures.findIndex((failure) => !failure.pathIncludes || path.includes(failure.pathIncludes));
    const failure = failureIndex >= 0 ? this.failures.splice(failureIndex, 1)[0] : undefined;
    const [status, answer, headers] = failure ? this.failureAnswer(failure) : this.answer(req.method ?? 'GET', path, body);
    this.calls.push({ method: req.method ?? 'GET', path, conversationId: conversationMatch?.[1], body, at: Date.now(), status });
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(answer));
    this.waiters = this.waiters.filter((waiter) => (this.calls.length >= waiter.count ? (waiter.resolve(), false) : true));
  }

  private failureAnswer(failure: ScriptedFailure): [number, unknown, Record<string, string>] {
    const headers: Record<string, string> = failure.retryAfterInSeconds !== undefined ? { 'Retry-After': String(failure.retryAfterInSeconds) } : {};
    const code = failure.code ?? (failure.status === 429 ? 'TooManyRequests' : failure.status === 403 ? 'BotNotInConversationRoster' : 'ServiceError');
    return [failure.status, { error: { code, message: `Fake connector answered ${failure.status} ${code}` } }, headers];
  }

  private answer(method: string, path: string, body: Record<string, unknown> | undefined): [number, unknown, Record<string, string>] {
    if (method === 'POST' && path === '/v3/conversations') {
      const members = (body?.members as { id: string }[] | undefined) ?? [];
      return [201, { id: `a:created-${members[0]?.id ?? 'conversation'}`, activityId: this.nextActivityId() }, {}];
    }
    if ((method === 'POST' || method === 'PUT') && /\/activities/.test(path)) return [200, { id: this.nextActivityId() }, {}];
    if (method === 'GET' && /\/members\//.test(path)) {
      const userId = path.split('/members/')[1];
      return [200, { id: userId, name: 'Member', aadObjectId: userId.replace(/^29:/, '') }, {}];
    }
    if (method === 'GET' && /^\/v3\/teams\//.test(path)) return [200, { id: path.split('/')[3], name: 'Team' }, {}];
    if (method === 'DELETE') return [200, {}, {}];
    return [404, { error: { code: 'NotFound', message: `Fake connector has no route for ${method} ${path}` } }, {}];
  }

  private nextActivityId(): string {
    this.activityCounter += 1;
    return `activity-${this.activityCounter}`;
  }
}
