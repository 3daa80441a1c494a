import { ShiftedClock } from '../../../src/adapters/system/system-clock';

describe('ShiftedClock (CLOCK_NOW in local mode)', () => {
  it('starts at the given instant and runs on from there', () => {
    const clock = new ShiftedClock('2026-12-24T09:00:00Z');
    const first = clock.now().getTime();
    const start = Date.parse('2026-12-24T09:00:00Z');
    expect(first).toBeGreaterThanOrEqual(start);
    expect(first - start).toBeLessThan(60_000);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(first);
  });
});
