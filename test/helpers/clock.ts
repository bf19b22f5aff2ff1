import type { Clock } from '../../server/clock.ts';

/** The real time moved by a test: payments are dated by the real clock, holds and payout runs read this one. */
export class MovableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advanceDays(days: number): void {
    this.offsetMs += days * 86_400_000;
  }

  /** From now on the clock reads `iso` (and moves on from it with the real time). */
  setTo(iso: string): void {
    this.offsetMs = Date.parse(iso) - Date.now();
  }
}
