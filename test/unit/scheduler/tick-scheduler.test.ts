import type { TickResult } from '../../../src/app/reminders/run-reminder-tick';
import { createTickRunner } from '../../../src/scheduler/tick-scheduler';

describe('createTickRunner', () => {
  it('joins a tick already running in this process instead of starting a second', async () => {
    let started = 0;
    let finish: (result: TickResult) => void = () => undefined;
    const runner = createTickRunner(() => {
      started += 1;
      return new Promise<TickResult>((resolve) => (finish = resolve));
    });
    const first = runner();
    const second = runner();
    expect(started).toBe(1);
    finish({ ran: false, reason: 'LEASE_HELD' });
    expect(await first).toBe(await second);
    void runner();
    expect(started).toBe(2);
  });
});
