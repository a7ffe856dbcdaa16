// Two kiosks on one data directory (issue 13): a second kiosk or browser host on the same directory refuses to start
// with a message naming the directory; a lock left by a crashed process is taken over; foreign or garbage locks refuse.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composeKiosk, type KioskRuntime } from '../../electron/services/compose';
import { DataDirLockedError, LOCK_FILE_NAME, lockDataDir } from '../../electron/services/data-dir-lock';
import { silentLog } from '../../electron/services/log';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';

const ROOT = resolve(__dirname, '../..');
let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});
function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'gk-sec-dir-'));
  cleanup.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}
const compose = (dataDir: string): KioskRuntime => {
  const rt = composeKiosk({ dataDir, config: kioskConfigSchema.parse({}), version: 'test', log: silentLog, fleet: { timers: false } });
  cleanup.push(() => rt.stop());
  return rt;
};

describe('one kiosk per data directory', () => {
  it('a second kiosk in the same process refuses, naming the directory; after stop() the directory is free again', async () => {
    const dir = tempDir();
    const first = compose(dir);
    let err: unknown;
    try {
      compose(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirLockedError);
    expect((err as Error).message).toContain(dir);
    expect((err as Error).message).toContain(`process ${process.pid}`);
    await first.stop();
    cleanup.pop();
    compose(dir); // free again
  });

  it('a second browser host (its own process) on the directory of a running kiosk exits 1 with a message naming it', async () => {
    const dir = tempDir();
    compose(dir);
    const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'electron/host/cli.ts'), '--port', '0', '--data-dir', dir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanup.push(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')));
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // Without the lock it would start and listen: stop waiting as soon as it says so.
    const code = await new Promise<number | string | null>((res) => {
      child.on('exit', res);
      child.stdout.on('data', () => /listening on/.test(out) && res('listening'));
    });
    expect(code).toBe(1);
    expect(err).toContain(`the data directory ${dir} is already in use`);
    expect(out).not.toContain('listening on');
  }, 120_000);

  it('a lock left by a process that no longer runs (crash, power cut) is taken over at once', () => {
    const dir = tempDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid: 4_000_000, host: hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    const lock = lockDataDir(dir, { isAlive: () => false });
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  const held: [string, string, boolean][] = [
    ['a live process on this machine', JSON.stringify({ pid: 4242, host: hostname() }), true],
    ['a process on another machine sharing the directory', JSON.stringify({ pid: 4242, host: 'other-pc' }), false],
    ['a garbage lock file', 'not json', false],
    ['a lock without a pid', JSON.stringify({ host: hostname() }), false],
    ['a negative pid', JSON.stringify({ pid: -1, host: hostname() }), false],
  ];
  for (const [label, content, alive] of held) {
    it(`refuses while the lock belongs to ${label}; its lock stays`, () => {
      const dir = tempDir();
      writeFileSync(join(dir, LOCK_FILE_NAME), content);
      expect(() => lockDataDir(dir, { isAlive: () => alive })).toThrow(DataDirLockedError);
      if (!alive) expect(() => compose(dir)).toThrow(dir); // (pid 4242 may really run here: only the fake says alive)
      expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(content);
      expect(existsSync(join(dir, 'kiosk.sqlite'))).toBe(false); // refused before the database was touched
    });
  }

  it('releasing never deletes a lock another process has taken over meanwhile', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    writeFileSync(lock.file, JSON.stringify({ pid: 99, host: hostname() }));
    lock.release();
    expect(existsSync(lock.file)).toBe(true);
  });
});
