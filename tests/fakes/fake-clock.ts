import type { Clock } from '../../shared/logic/clock';

/** A clock for tests that only moves when told to. */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date | string | number = '2026-11-25T10:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(to: Date | string | number): void {
    this.t = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
