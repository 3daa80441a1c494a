import type { Clock } from '../../src/ports/clock';

/** A clock tests set and move by hand. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(iso = '2026-11-25T10:00:00.000Z') {
    this.current = new Date(iso);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string): void {
    this.current = new Date(iso);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
