import type { Clock } from '../../ports/clock';

/** The real clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}
