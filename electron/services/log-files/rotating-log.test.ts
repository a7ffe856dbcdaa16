import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { silentLog } from '../log';
import { createErrorJournal } from './error-journal';
import { createRotatingLog } from './rotating-log';
import { scrubPersonalData } from './scrub-personal-data';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'kiosk-log-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('personal data scrubbing', () => {
  it.each([
    ['wish from anna.muster@example.de failed', 'wish from [e-mail] failed'],
    ['call +49 2241 102-0 please', 'call [phone] please'],
    ['Tel. 02241/13 5678', 'Tel. [phone]'],
    ['mobile 0151 23456789', 'mobile [phone]'],
    ['(02241) 102 345', '[phone]'],
    ['0049 2241 102345', '[phone]'],
  ])('%s', (input, expected) => {
    expect(scrubPersonalData(input)).toBe(expected);
  });

  it.each([
    'sync at 2026-11-25T10:00:00.000Z took 1234 ms',
    'offer o-123456 updated on 2026-11-25',
    'HTTP 503, retry in 900 s',
    'version 1.2.3 on 127.0.0.1:4910',
  ])('keeps technical text: %s', (text) => {
    expect(scrubPersonalData(text)).toBe(text);
  });
});

describe('rotating log', () => {
  it('writes lines with time and level, scrubbed, to <dir>/kiosk.log', () => {
    const dir = tmp();
    const log = createRotatingLog({ dir, clock: new FakeClock('2026-11-25T10:00:00Z') });
    log.info('started', { version: '0.1.0' });
    log.error('wish delivery failed', { contact: 'max@example.org', phone: '0171 9876543' });
    const text = readFileSync(join(dir, 'kiosk.log'), 'utf8');
    expect(text).toContain('2026-11-25T10:00:00.000Z INFO started {"version":"0.1.0"}');
    expect(text).toContain('ERROR wish delivery failed');
    expect(text).not.toContain('max@example.org');
    expect(text).not.toContain('9876543');
    expect(text).toContain('[e-mail]');
    expect(text).toContain('[phone]');
  });

  it('caps the size: at most maxFiles files of at most maxBytes, oldest dropped', () => {
    const dir = tmp();
    const log = createRotatingLog({ dir, clock: new FakeClock(), maxBytes: 2000, maxFiles: 5 });
    for (let i = 0; i < 1000; i++) log.info(`line ${String(i).padStart(4, '0')} ${'x'.repeat(60)}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['kiosk.log', 'kiosk.log.1', 'kiosk.log.2', 'kiosk.log.3', 'kiosk.log.4']);
    for (const f of files) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(2000);
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8')).toContain('line 0999');
    const all = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(all).not.toContain('line 0000'); // the oldest are gone
    expect(readFileSync(join(dir, 'kiosk.log.4'), 'utf8').length).toBeGreaterThan(0);
  });

  it('keeps appending to an existing file after a restart and rotates by its real size', () => {
    const dir = tmp();
    createRotatingLog({ dir, clock: new FakeClock(), maxBytes: 300 }).info('a'.repeat(200));
    const again = createRotatingLog({ dir, clock: new FakeClock(), maxBytes: 300 });
    again.info('b'.repeat(200));
    expect(readFileSync(join(dir, 'kiosk.log.1'), 'utf8')).toContain('aaaa');
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8')).toContain('bbbb');
  });

  it('never throws when the folder cannot be written', () => {
    const dir = tmp();
    const log = createRotatingLog({ dir: join(dir, 'kiosk.log', 'nested'), clock: new FakeClock() });
    // the parent "kiosk.log" is created as a file below, so mkdir fails
    createRotatingLog({ dir, clock: new FakeClock() }).info('x');
    const err = console.error;
    console.error = () => {};
    try {
      expect(() => log.error('still fine')).not.toThrow();
    } finally {
      console.error = err;
    }
  });

  it('a full disk (ENOSPC) does not throw, is reported once, and logging resumes when space is back', () => {
    const dir = tmp();
    let full = true;
    const append = (file: string, line: string) => {
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      appendFileSync(file, line);
    };
    const log = createRotatingLog({ dir, clock: new FakeClock(), append });
    const reports: unknown[] = [];
    const err = console.error;
    console.error = (...a: unknown[]) => void reports.push(a.join(' '));
    try {
      expect(() => {
        log.info('lost 1');
        log.error('lost 2');
      }).not.toThrow();
      full = false;
      log.info('back');
    } finally {
      console.error = err;
    }
    expect(reports).toHaveLength(1);
    expect(String(reports[0])).toContain('ENOSPC');
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8')).toMatch(/^\S+ INFO back\n$/);
  });

  it('a line logged just before the process is killed (SIGKILL) is on disk', () => {
    const dir = tmp();
    const mod = resolve(__dirname, 'rotating-log.ts');
    const script = `import { createRotatingLog } from ${JSON.stringify(mod)};
      const log = createRotatingLog({ dir: ${JSON.stringify(dir)}, clock: { now: () => new Date() } });
      log.error('last words before the crash, anna@example.de');
      process.kill(process.pid, 'SIGKILL');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8')).toMatch(/ ERROR last words before the crash, \[e-mail\]\n$/);
  });

  it('newlines in messages cannot forge extra log lines', () => {
    const dir = tmp();
    createRotatingLog({ dir, clock: new FakeClock() }).warn('bad\n2026-01-01T00:00:00Z ERROR forged');
    expect(readFileSync(join(dir, 'kiosk.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('error journal', () => {
  it('keeps recent warnings and errors for staff, scrubbed, and reports each once to the heartbeat', () => {
    const j = createErrorJournal(silentLog, new FakeClock('2026-11-25T10:00:00Z'));
    j.log.info('fine');
    j.log.warn('printer offline', { code: 'printer_offline' });
    j.log.error('send failed for a@b.de');
    expect(j.recent().map((e) => e.code)).toEqual(['error', 'printer_offline']);
    expect(j.recent()[0]!.message).toBe('send failed for [e-mail]');
    const first = j.unreported();
    expect(first.entries).toHaveLength(2);
    expect(j.unreported().entries).toHaveLength(2); // not yet confirmed
    j.markReported(first.mark);
    expect(j.unreported().entries).toHaveLength(0);
    j.log.error('again');
    expect(j.unreported().entries.map((e) => e.message)).toEqual(['again']);
  });
});
