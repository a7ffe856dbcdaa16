import { describe, expect, it } from 'vitest';
import { interpretStatus, isRealtimeStatusByte } from './escpos-status';
import { PrintQueue } from './print-queue';

describe('DLE EOT status bytes', () => {
  const ok = { printer: 0x12, offlineCause: 0x12, paper: 0x12 };
  it('reads the Epson bits, worst problem first', () => {
    expect(interpretStatus(ok)).toBe('ok');
    expect(interpretStatus({ ...ok, paper: 0x12 | 0x0c })).toBe('paper_low');
    expect(interpretStatus({ printer: 0x1a, offlineCause: 0x32, paper: 0x7e })).toBe('paper_out');
    expect(interpretStatus({ printer: 0x1a, offlineCause: 0x16, paper: 0x7e })).toBe('cover_open');
    expect(interpretStatus({ ...ok, printer: 0x1a })).toBe('offline');
    expect(interpretStatus({ ...ok, printer: 0x1a, offlineCause: 0x52 })).toBe('error');
  });
  it('tells status replies from other bytes', () => {
    expect(isRealtimeStatusByte(0x12)).toBe(true);
    expect(isRealtimeStatusByte(0x7e)).toBe(true);
    expect(isRealtimeStatusByte(0x00)).toBe(false); // GS r answer
    expect(isRealtimeStatusByte(0x0f)).toBe(false);
  });
});

describe('print queue', () => {
  it('runs jobs one at a time in order; a failure does not stop the next', async () => {
    const q = new PrintQueue(5);
    const log: string[] = [];
    let running = 0;
    const job = (name: string, fail = false) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      running--;
      if (fail) throw new Error(name);
      return name;
    };
    const a = q.enqueue(job('a'))!;
    const b = q.enqueue(job('b', true))!;
    const c = q.enqueue(job('c'))!;
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });
  it('refuses jobs when too many wait', async () => {
    const q = new PrintQueue(1);
    let release!: () => void;
    const first = q.enqueue(() => new Promise<void>((r) => (release = r)))!;
    await Promise.resolve();
    const second = q.enqueue(async () => 'second');
    expect(second).not.toBeNull();
    expect(q.enqueue(async () => 'third')).toBeNull();
    release();
    await first;
    await expect(second).resolves.toBe('second');
  });
});
