import { currentRequestId } from '../../../src/adapters/system/request-context';
import type { TickResult } from '../../../src/app/run-reminder-tick';
import { createTickRunner } from '../../../src/scheduler/tick-scheduler';

describe('createTickRunner: request id, last tick and idle', () => {
  it('runs each tick under a request id of its own and remembers how the last one went', async () => {
    const seen: (string | undefined)[] = [];
    let fail = false;
    const runner = createTickRunner(async (): Promise<TickResult> => {
      seen.push(currentRequestId());
      if (fail) throw new Error('store down');
      return { ran: false, reason: 'LEASE_HELD' };
    });
    expect(runner.lastTick()).toBeUndefined();
    await runner();
    expect(runner.lastTick()).toMatchObject({ outcome: 'skipped', requestId: seen[0] });
    fail = true;
    await expect(runner()).rejects.toThrow('store down');
    expect(runner.lastTick()).toMatchObject({ outcome: 'failed', requestId: seen[1] });
    expect(seen[0]).toMatch(/^tick-/);
    expect(seen[1]).not.toBe(seen[0]);
    expect(currentRequestId()).toBeUndefined();
  });

  it('idle() settles only once the running tick has finished, even when it fails', async () => {
    let finish: () => void = () => undefined;
    const runner = createTickRunner(() => new Promise<TickResult>((_resolve, reject) => (finish = () => reject(new Error('x')))));
    const tick = runner().catch(() => 'failed');
    let idle = false;
    const waiting = runner.idle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    finish();
    await waiting;
    expect(idle).toBe(true);
    expect(await tick).toBe('failed');
  });
});
