import { currentRequestId, runWithRequestId } from '../../../src/adapters/system/request-context';
import type { TickResult } from '../../../src/app/reminders/run-reminder-tick';
import { TickJobs } from '../../../src/app/reminders/tick-jobs';
import { FixedClock } from '../../support/fixed-clock';

/** TickJobs as compose.ts builds them: each tick under the request id `tick-<id>`. */
function ticksOf(run: () => Promise<TickResult>): TickJobs {
  return new TickJobs((_progress, tickId) => runWithRequestId(`tick-${tickId}`, run), new FixedClock());
}

describe('TickJobs for /readyz and shutdown: request id, last tick and idle', () => {
  it('runs each tick under a request id of its own and remembers how the last one went', async () => {
    const seen: (string | undefined)[] = [];
    let fail = false;
    const ticks = ticksOf(async (): Promise<TickResult> => {
      seen.push(currentRequestId());
      if (fail) throw new Error('store down');
      return { ran: false, reason: 'LEASE_HELD' };
    });
    expect(ticks.lastTick()).toBeUndefined();
    await ticks.runToEnd();
    expect(ticks.lastTick()).toMatchObject({ outcome: 'skipped', requestId: seen[0] });
    fail = true;
    await expect(ticks.runToEnd()).rejects.toThrow('store down');
    expect(ticks.lastTick()).toMatchObject({ outcome: 'failed', requestId: seen[1] });
    expect(seen[0]).toMatch(/^tick-/);
    expect(seen[1]).not.toBe(seen[0]);
    expect(currentRequestId()).toBeUndefined();
  });

  it('idle() settles only once the running tick has finished, even when it fails', async () => {
    let finish: () => void = () => undefined;
    const ticks = ticksOf(() => new Promise<TickResult>((_resolve, reject) => (finish = () => reject(new Error('x')))));
    const tick = ticks.runToEnd().catch(() => 'failed');
    let idle = false;
    const waiting = ticks.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    finish();
    await waiting;
    expect(idle).toBe(true);
    expect(await tick).toBe('failed');
  });
});
