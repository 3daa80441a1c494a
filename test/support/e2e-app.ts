import type { AddressInfo } from 'node:net';
import { composeApp } from '../../src/compose';
import { loadConfig } from '../../src/config';
import { FixedClock } from './fixed-clock';
import { MemoryLogger } from './silent-logger';
import { PEOPLE } from './activities';
import { FakeConnector } from './fake-connector';
import type { DocumentStore } from '../../src/ports/document-store';
import type { Logger } from '../../src/ports/logger';

export type E2eApp = Awaited<ReturnType<typeof startE2eApp>>;

/**
 * The whole bot over real HTTP: composeApp (as index.ts does) on an in-memory SQLite store (or the one given), listening
 * on a free loopback port. Environment variables can be overridden per test (BOT_ID, ALLOWED_TENANT_IDS, ...).
 */
export async function startE2eApp(env: Record<string, string> = {}, options: { logger?: Logger; store?: DocumentStore } = {}) {
  const config = loadConfig({
    SQLITE_PATH: ':memory:',
    PORT: '0',
    LOG_LEVEL: 'silent',
    PARTNERSHIP_ID: 'e2e-partnership',
    // Ticks come from the tests (POST /api/jobs/tick), never from a wall-clock cron mid-test.
    JOBS_IN_PROCESS: 'false',
    ADMIN_AAD_OBJECT_IDS: PEOPLE.admin.aadObjectId,
    ...env,
  });
  const clock = new FixedClock();
  const logger = options.logger ?? new MemoryLogger();
  // The sender's pacing waits on the clock: here waiting moves the FixedClock, so retries and pacing take no real time.
  const wait = async (ms: number) => {
    clock.advance(ms);
    await new Promise((resolve) => setImmediate(resolve));
  };
  const app = await composeApp(config, { clock, logger, wait, store: options.store });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    ...app,
    url,
    clock,
    logger,
    /** POSTs a body (an activity object, or raw text) to /api/messages. */
    async post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // leave as text
      }
      return { status: response.status, body: parsed };
    },
    /** POSTs to the scheduler's HTTP trigger. */
    async tick(secret: string | undefined): Promise<{ status: number; body: Record<string, unknown> }> {
      const response = await fetch(`${url}/api/jobs/tick`, {
        method: 'POST',
        headers: secret === undefined ? {} : { Authorization: `Bearer ${secret}` },
        signal: AbortSignal.timeout(60_000),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    /** GETs a tick's status from the scheduler's HTTP trigger. */
    async tickStatus(secret: string, tickId: string): Promise<{ status: number; body: Record<string, unknown> }> {
      const response = await fetch(`${url}/api/jobs/tick/${encodeURIComponent(tickId)}`, { headers: { Authorization: `Bearer ${secret}` }, signal: AbortSignal.timeout(10_000) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    /** POSTs a tick (answered at once with its id) and polls its status until it has finished. */
    async tickToEnd(secret: string): Promise<{ started: { status: number; body: Record<string, unknown> }; final: Record<string, unknown> }> {
      const started = await this.tick(secret);
      if (started.status !== 202) return { started, final: started.body };
      for (;;) {
        const { body } = await this.tickStatus(secret, String(started.body.tickId));
        if (body.state !== 'running') return { started, final: body };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    /** POSTs an activity the bot must accept (200), and returns the response body. */
    async postOk(activity: object): Promise<unknown> {
      const response = await this.post(activity);
      if (response.status !== 200) throw new Error(`/api/messages answered ${response.status}: ${JSON.stringify(response.body)}`);
      return response.body;
    },
    /** The bot's own graceful shutdown (scheduler, store preparation, sends, server, store), awaited, so a test file ends with nothing left running. */
    async stop(): Promise<void> {
      await app.shutdown();
    },
  };
}

/** The bot in local mode and the FakeConnector it answers to, for one describe block. */
export interface LocalApp {
  app: E2eApp;
  connector: FakeConnector;
}

/**
 * Starts a FakeConnector and the bot (`env` as startE2eApp takes it) before the block's tests, then `prepare` (seed
 * the store), and stops both after them. Read `local.app` and `local.connector` inside tests: they exist once
 * beforeAll has run.
 */
export function useLocalApp(env: Record<string, string> = {}, prepare?: (app: E2eApp, connector: FakeConnector) => Promise<void>): LocalApp {
  const local = {} as LocalApp;
  beforeAll(async () => {
    local.connector = await FakeConnector.start();
    local.app = await startE2eApp(env);
    await prepare?.(local.app, local.connector);
  });
  afterAll(async () => {
    await local.app?.stop();
    await local.connector?.stop();
  });
  return local;
}

/** The card-carrying HTTP answer of an Action.Execute invoke. */
export function invokeCard(body: unknown): Record<string, unknown> {
  const response = body as { statusCode: number; type: string; value: Record<string, unknown> };
  expect(response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return response.value;
}
