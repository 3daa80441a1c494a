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
  /** The sender's Idempotency-Key header (outbox sends carry one). */
  idempotencyKey?: string;
  /** A repeat of a key already delivered: answered with the first activity id and not delivered again. */
  duplicate?: boolean;
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
  /**
   * Answer 429 (Retry-After: 1) beyond Teams' published limits (platform.md): per conversation 7 per 1 s, 8 per
   * 2 s, 60 per 30 s; per tenant (this whole fake) 50 per second.
   */
  enforceTeamsLimits?: boolean;
}

/** Teams' per-thread windows: [window in ms, most sends allowed in it]. */
const THREAD_LIMITS: [number, number][] = [[1_000, 7], [2_000, 8], [30_000, 60]];
const TENANT_LIMIT: [number, number] = [1_000, 50];

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
  private readonly deliveredKeys = new Map<string, string>();
  private readonly sendTimes = new Map<string, number[]>();
  private readonly tenantSendTimes: number[] = [];

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
    return this.calls.filter((call) => call.method === 'POST' && /\/activities(\/|$)/.test(call.path) && call.status < 300 && !call.duplicate);
  }

  /** How many times each idempotency key was delivered (duplicates answered from memory are not deliveries). */
  deliveriesByKey(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const call of this.sentActivities()) if (call.idempotencyKey) counts.set(call.idempotencyKey, (counts.get(call.idempotencyKey) ?? 0) + 1);
    return counts;
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
    this.deliveredKeys.clear();
    this.sendTimes.clear();
    this.tenantSendTimes.length = 0;
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
    const method = req.method ?? 'GET';
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    const conversationMatch = /^\/v3\/conversations\/([^/]+)/.exec(path);
    const isSend = method === 'POST' && /\/activities(\/|$)/.test(path);
    const limited = isSend && this.options.enforceTeamsLimits && !this.admit(conversationMatch?.[1] ?? '', Date.now());
    if (this.options.latencyInMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyInMs));

    const failureIndex = limited ? -1 : this.failures.findIndex((failure) => !failure.pathIncludes || path.includes(failure.pathIncludes));
    const failure = limited ? { status: 429, retryAfterInSeconds: 1 } : failureIndex >= 0 ? this.failures.splice(failureIndex, 1)[0] : undefined;
    const firstId = idempotencyKey ? this.deliveredKeys.get(idempotencyKey) : undefined;
    const duplicate = !failure && isSend && firstId !== undefined;
    const [status, answer, headers] = failure
      ? this.failureAnswer(failure)
      : duplicate
        ? ([200, { id: firstId }, {}] as [number, unknown, Record<string, string>])
        : this.answer(method, path, body);
    if (isSend && idempotencyKey && status < 300 && !duplicate) this.deliveredKeys.set(idempotencyKey, (answer as { id: string }).id);
    this.calls.push({ method, path, conversationId: conversationMatch?.[1], body, at: Date.now(), status, idempotencyKey, duplicate });
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(answer));
    this.waiters = this.waiters.filter((waiter) => (this.calls.length >= waiter.count ? (waiter.resolve(), false) : true));
  }

  /** Counts a send against Teams' windows; false when it is over a limit (the send is not counted). */
  private admit(conversationId: string, now: number): boolean {
    const times = this.sendTimes.get(conversationId) ?? [];
    const within = (list: number[], windowMs: number) => list.filter((at) => at > now - windowMs).length;
    if (THREAD_LIMITS.some(([windowMs, most]) => within(times, windowMs) >= most)) return false;
    while (this.tenantSendTimes.length && this.tenantSendTimes[0] <= now - TENANT_LIMIT[0]) this.tenantSendTimes.shift();
    if (this.tenantSendTimes.length >= TENANT_LIMIT[1]) return false;
    times.push(now);
    while (times.length && times[0] <= now - 30_000) times.shift();
    this.sendTimes.set(conversationId, times);
    this.tenantSendTimes.push(now);
    return true;
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
