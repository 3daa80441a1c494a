import type { TickProgress, TickResult } from '../../../src/app/reminders/run-reminder-tick';
import { TickJobs } from '../../../src/app/reminders/tick-jobs';
import { FixedClock } from '../../support/fixed-clock';

describe('TickJobs', () => {
  const done = (): TickResult => ({ ran: true, queue: { today: '2026-11-25', due: 2, recipients: 2, queued: 2, alreadyQueued: 0, unroutable: 0 }, delivery: { sent: 2, retried: 0, throttled: 0, gone: 0, dead: 0, rounds: 1 }, swept: 0 });

  it('answers once the lease is decided, joins a tick already running, and reports its progress by id', async () => {
    let started = 0;
    let finish: () => void = () => undefined;
    const jobs = new TickJobs(async (progress: TickProgress) => {
      started += 1;
      progress.leaseDecided?.(true);
      await new Promise<void>((resolve) => (finish = resolve));
      const result = done();
      if (result.ran) progress.queue = result.queue;
      progress.delivery.sent = 2;
      return result;
    }, new FixedClock());
    const first = await jobs.start();
    expect(first).toMatchObject({ joined: false, status: { state: 'running', sent: 0 } });
    const second = await jobs.start();
    expect(second).toMatchObject({ joined: true, status: { tickId: first.status.tickId } });
    expect(started).toBe(1);
    finish();
    await jobs.runToEnd().catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(jobs.status(first.status.tickId)).toMatchObject({ state: 'done', recipients: 2, queued: 2, sent: 2, pending: 0, failed: 0 });
    expect(jobs.status('unknown')).toBeUndefined();
  });

  it('reports a tick that found the lease held elsewhere as skipped at once', async () => {
    const jobs = new TickJobs(async (progress) => {
      progress.leaseDecided?.(false);
      return { ran: false, reason: 'LEASE_HELD' };
    }, new FixedClock());
    expect((await jobs.start()).status.state).toBe('skipped');
  });
});
