import type { Clock } from '../../ports/clock';

/** The real clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A running clock that started at a chosen instant (CLOCK_NOW, local mode only): demos and acceptance runs can
 * stand on a given day and still see time pass.
 */
export class ShiftedClock implements Clock {
  private readonly offsetMs: number;

  constructor(startAt: string) {
    this.offsetMs = Date.parse(startAt) - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
