import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KIND } from '../../src/app/kernel/kinds';
import type { OutboxMessage } from '../../src/app/reminders/outbox';
import { listAll } from '../../src/ports/document-store';
import { CRASH_PARTNERSHIP as PARTNERSHIP, CRASH_START as START, openCrashStore, seedCrashStore, startCrashChild as startChild } from '../support/crash-fixture';
import { FakeConnector } from '../support/fake-connector';

const COUNT = 1_000;

describe('crash test: a sender killed with SIGKILL midway and restarted', () => {
  let connector: FakeConnector;
  let dir: string;

  beforeAll(async () => {
    connector = await FakeConnector.start({ latencyInMs: 20 });
    dir = mkdtempSync(join(tmpdir(), 'assurance-crash-'));
  });
  afterAll(async () => {
    await connector.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each of 1,000 reminders exactly once per idempotency key', async () => {
    const path = join(dir, 'crash.db');
    await seedCrashStore(path, connector.url, COUNT);
    const env = (clockNow: number) => ({
      SQLITE_PATH: path, PARTNERSHIP_ID: PARTNERSHIP, LOG_LEVEL: 'silent', CLOCK_NOW: new Date(clockNow).toISOString(),
      SEND_TENANT_RATE_PER_SECOND: '50', SEND_CLAIM_TTL_SECONDS: '2', JOBS_LEASE_TTL_SECONDS: '5', JOBS_IN_PROCESS: 'false',
    });

    const startedAt = Date.now();
    const first = startChild(env(START));
    await connector.waitForCalls(COUNT * 0.3, 150_000);
    first.child.kill('SIGKILL');
    await first.output;
    const deliveredBeforeKill = connector.sentActivities().length;
    expect(deliveredBeforeKill).toBeLessThan(COUNT);

    // The restarted instance's clock carries on from where the first one's stood (as a real clock would).
    const second = startChild(env(START + (Date.now() - startedAt)));
    const output = await second.output;
    expect(output).toMatch(/"ran":true/);

    const deliveries = connector.deliveriesByKey();
    expect(deliveries.size).toBe(COUNT);
    expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
    // Sends in flight at the kill are repeated after restart with the same key, and the connector answers them
    // from memory: a handful at most (one per worker), never a second delivery.
    const repeats = connector.calls.filter((call) => call.duplicate).length;
    expect(repeats).toBeLessThanOrEqual(12);

    const store = await openCrashStore(path);
    const messages = await listAll<OutboxMessage>(store, KIND.outbox, PARTNERSHIP);
    await store.close();
    expect(messages).toHaveLength(COUNT);
    expect(messages.every((message) => message.status === 'sent')).toBe(true);
    process.stdout.write(`crash test: ${deliveredBeforeKill} delivered before SIGKILL, ${repeats} repeated sends answered from memory, ${deliveries.size} keys delivered once each\n`);
  }, 300_000);
});
