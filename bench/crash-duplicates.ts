import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CRASH_PARTNERSHIP, CRASH_START, seedCrashStore, startCrashChild } from '../test/support/crash-fixture';
import { FakeConnector } from '../test/support/fake-connector';
import { heading, row } from './stats';

/**
 * Crash duplicates (issue 9, item 11): the sender is killed with SIGKILL in the middle of a tick, restarted, and the
 * messages Teams would have received twice are counted. Teams ignores Idempotency-Key, so every send that was in
 * flight at the kill is delivered again; the fake connector records such a repeat (same key) instead of hiding it.
 */
export async function benchCrashDuplicates(options: { reminders?: number; runs?: number; killAtFraction?: number; latencyInMs?: number } = {}): Promise<void> {
  const reminders = options.reminders ?? 250;
  const runs = options.runs ?? 3;
  const killAt = options.killAtFraction ?? 0.4;
  const latencyInMs = options.latencyInMs ?? 150;
  heading(`Crash duplicates: ${reminders} reminders, SIGKILL after ${Math.round(killAt * 100)}% were sent, restart (${runs} runs, connector latency ${latencyInMs} ms)`);
  let totalDuplicates = 0;
  for (let run = 1; run <= runs; run += 1) {
    const connector = await FakeConnector.start({ latencyInMs });
    const dir = mkdtempSync(join(tmpdir(), 'assurance-crash-bench-'));
    try {
      const path = join(dir, 'crash.db');
      await seedCrashStore(path, connector.url, reminders);
      const env = (clockNow: number) => ({
        SQLITE_PATH: path, PARTNERSHIP_ID: CRASH_PARTNERSHIP, LOG_LEVEL: 'silent', CLOCK_NOW: new Date(clockNow).toISOString(),
        SEND_TENANT_RATE_PER_SECOND: '45', SEND_CLAIM_TTL_SECONDS: '2', JOBS_LEASE_TTL_SECONDS: '5', JOBS_IN_PROCESS: 'false',
      });
      const startedAt = Date.now();
      const first = startCrashChild(env(CRASH_START), true);
      await connector.waitForCalls(Math.ceil(reminders * killAt), 120_000);
      first.child.kill('SIGKILL');
      await first.output;
      const beforeKill = connector.sentActivities().length;
      const second = startCrashChild(env(CRASH_START + (Date.now() - startedAt)), true);
      const output = await second.output;
      if (!/"ran":true/.test(output)) throw new Error(`the restarted sender did not finish its tick: ${output.slice(0, 300)}`);
      const duplicates = connector.calls.filter((call) => call.duplicate).length;
      const delivered = connector.deliveriesByKey().size;
      totalDuplicates += duplicates;
      row(`run ${run}`, `${beforeKill} sent before the kill`, `${delivered}/${reminders} delivered`, `${duplicates} sent twice`);
    } finally {
      await connector.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  row('messages sent twice after a crash (Teams would show both)', `${totalDuplicates} of ${reminders * runs}`, `${(totalDuplicates / runs).toFixed(1)} per crash`);
}

if (require.main === module) {
  benchCrashDuplicates().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
