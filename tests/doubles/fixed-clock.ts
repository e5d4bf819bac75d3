import type { Clock } from '#shared/application/clock.js';

/** A clock that only moves when told to. */
export class FixedClock implements Clock {
  constructor(private current = new Date('2026-01-15T09:30:00.000Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
