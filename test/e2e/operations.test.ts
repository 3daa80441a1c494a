import { Writable } from 'node:stream';
import { SqliteStore } from '../../src/adapters/sqlite/sqlite-store';
import { createPinoLogger } from '../../src/adapters/system/pino-logger';
import { KIND } from '../../src/app/kernel/kinds';
import type { ListOptions, Page } from '../../src/ports/document-store';
import { messageActivity, PEOPLE } from '../support/activities';
import { E2eApp, startE2eApp } from '../support/e2e-app';
import { FakeConnector } from '../support/fake-connector';
import { MemoryLogger } from '../support/silent-logger';

/** pino writing JSON lines into memory, as App Service would collect them from stdout. */
function capturedPino() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunk
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .forEach((line) => lines.push(JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  return { logger: createPinoLogger('info', stream), lines, text: () => lines.map((line) => JSON.stringify(line)).join('\n') };
}

const SECRET = 'operations-test-jobs-secret';

describe('e2e: operations (request ids, readiness, graceful shutdown)', () => {
  let connector: FakeConnector;
  let app: E2eApp | undefined;

  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterEach(async () => {
    await app?.shutdown(1_000);
    app = undefined;
  });
  afterAll(async () => {
    await connector.stop();
  });

  it('runs status and overdue once at start on SQLite, and starts anyway when that run fails', async () => {
    const logger = new MemoryLogger();
    app = await startE2eApp({}, { logger });
    expect(logger.lines.find((line) => line.message.startsWith('status and overdue run once at start'))?.fields.ms).toEqual(expect.any(Number));
    await app.shutdown(1_000);

    // A store whose projected reads of actions fail: the start-up run fails, the bot does not.
    class FailingProjections extends SqliteStore {
      override async list<T extends object>(kind: string, partnershipId: string, options?: ListOptions): Promise<Page<T>> {
        if (kind === KIND.action && options?.fields) throw new Error('disk read failed');
        return super.list<T>(kind, partnershipId, options);
      }
    }
    const failing = new MemoryLogger();
    app = await startE2eApp({}, { logger: failing, store: new FailingProjections(':memory:') });
    expect(failing.lines.find((line) => line.level === 'warn' && line.message.startsWith('could not run status and overdue at start'))?.fields.error).toBe('disk read failed');
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });

  it('gives every turn and every tick its own request id on each log line, and logs no typed text', async () => {
    const logs = capturedPino();
    app = await startE2eApp({ JOBS_SECRET: SECRET }, { logger: logs.logger });
    const typed = 'help me with Jane Smith 07700 900123';
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(messageActivity(PEOPLE.admin, typed, { serviceUrl: connector.url })),
    });
    expect(response.status).toBe(200);
    const turnId = response.headers.get('x-request-id');
    expect(turnId).toMatch(/^turn-[0-9a-f-]{36}$/);
    expect(logs.lines.find((line) => line.msg === 'turn done')).toMatchObject({ requestId: turnId, type: 'message', status: 200 });

    expect((await app.tickToEnd(SECRET)).started.status).toBe(202);
    const tickLine = logs.lines.find((line) => line.msg === 'tick done');
    expect(tickLine?.requestId).toMatch(/^tick-[0-9a-f-]{36}$/);
    expect(tickLine?.requestId).not.toBe(turnId);

    expect(logs.text()).not.toMatch(/Jane|Smith|07700/);
  });

  it('logs a turn whose answer cannot be delivered by request id and error name, and hands the SDK no details to print', async () => {
    const logs = capturedPino();
    app = await startE2eApp({}, { logger: logs.logger });
    const printed: unknown[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(...args));
    try {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(messageActivity(PEOPLE.admin, 'help', { serviceUrl: 'http://127.0.0.1:9/' })),
      });
      // The turn ends without a second failure (issue 9: never a 5xx for a conversation that cannot be reached).
      expect(response.status).toBe(200);
      expect(await response.text()).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      const requestId = response.headers.get('x-request-id');
      expect(logs.lines.find((line) => line.msg === 'apology not delivered')).toMatchObject({ requestId, level: 40 });
      expect(printed.map((item) => String((item as Error)?.stack ?? item)).join('\n')).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|serviceUrl/);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps a free-text field out of the log even when a caller logs it by mistake', () => {
    const logs = capturedPino();
    logs.logger.warn({ text: 'Jane Smith', review: { title: 'Child A and Jane' }, code: 'X' }, 'oops');
    expect(logs.lines[0]).toMatchObject({ text: '[redacted]', review: { title: '[redacted]' }, code: 'X' });
  });

  it('is ready with the store answering and the scheduler running, and unavailable once shutting down', async () => {
    app = await startE2eApp({ JOBS_IN_PROCESS: 'true', JOBS_CRON: '0 3 1 1 *' });
    const before = await fetch(`${app.url}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ checks: { store: { ok: true }, scheduler: { ok: false, detail: expect.stringMatching(/has not started/) } } });

    app.startScheduler();
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { scheduler: { ok: true, detail: expect.stringMatching(/^Next tick \d{4}-01-01T03:00/) } } });

    const closing = app.shutdown(5_000);
    const during = await app.readiness();
    expect(during).toMatchObject({ ready: false, checks: { scheduler: { ok: false, detail: expect.stringMatching(/^Shutting down/) } } });
    await closing;
    app = undefined;
  });
});
