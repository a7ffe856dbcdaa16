import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWishApi, type FakeWishApi, type WishApiBehaviour } from '../fakes/fake-wish-api';

/**
 * Crash test of the wish outbox: a child process that saves and sends wishes is killed with SIGKILL
 * at random points, 200 times (during start-up and migration, mid-commit, mid-request, mid-reply).
 * After one final clean run every wish the database holds is delivered exactly once, every save the child
 * reported as done is in the database, and the database passes PRAGMA integrity_check.
 */
const KILLS = 200;
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

interface ChildRun {
  saved: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runChild(script: string, args: string[], killAfterMs: number | null, killFromReady: boolean): Promise<ChildRun> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const saved: string[] = [];
    let stderr = '';
    let buf = '';
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      if (killAfterMs !== null && !timer) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    };
    if (!killFromReady) arm();
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line === 'ready' && killFromReady) arm();
        else if (line.startsWith('saved ')) saved.push(line.slice(6));
      }
    });
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString('utf8')));
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolvePromise({ saved, code, signal, stderr });
    });
  });
}

describe('wish outbox under SIGKILL', () => {
  let api: FakeWishApi;
  let dir: string;
  let script: string;

  beforeAll(async () => {
    // Compile the child once so each of the 200 starts is a plain, fast `node child.mjs`.
    const outDir = join(root, 'node_modules', '.cache', 'gemeinsam-crash-test');
    mkdirSync(outDir, { recursive: true });
    script = join(outDir, `outbox-crash-child-${process.pid}.mjs`);
    await build({
      entryPoints: [join(here, 'outbox-crash-child.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'silent',
    });
    api = await startFakeWishApi({ token: 'crash-token' });
    // A server that misbehaves now and then, so kills also land mid-request and mid-reply.
    api.setDefault((): WishApiBehaviour => {
      const r = Math.random();
      if (r < 0.55) return { kind: 'ok' };
      if (r < 0.7) return { kind: 'slow', delayMs: 10 + Math.floor(Math.random() * 60) };
      if (r < 0.8) return { kind: 'accept-then-destroy' };
      if (r < 0.85) return { kind: 'destroy' };
      if (r < 0.9) return { kind: 'status', status: 503, retryAfter: '0' };
      return { kind: 'status', status: 500 };
    });
    dir = mkdtempSync(join(tmpdir(), 'outbox-crash-'));
  });

  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (script) rmSync(script, { force: true });
  });

  it(`loses no wish and sends none twice across ${KILLS} kills`, async () => {
    const file = join(dir, 'kiosk.sqlite');
    const args = [file, api.baseUrl, api.token];
    const acknowledged: string[] = [];
    let killed = 0;
    for (let i = 0; i < KILLS; i++) {
      // Most kills 0–150 ms after the child is ready; every fifth counted from spawn (during start-up, migrations).
      const fromReady = i % 5 !== 0;
      const delay = Math.floor(Math.random() * 151);
      const run = await runChild(script, [...args, 'chaos', String(i)], delay, fromReady);
      if (run.signal === 'SIGKILL') killed++;
      else throw new Error(`child ended on its own (code ${run.code}): ${run.stderr.slice(0, 2000)}`);
      acknowledged.push(...run.saved);
    }
    expect(killed).toBe(KILLS);

    const final = await runChild(script, [...args, 'drain'], null, false);
    expect(final.stderr).toBe('');
    expect(final.code).toBe(0);

    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT key, state, contact_json FROM wish_outbox').all() as {
        key: string;
        state: string;
        contact_json: string | null;
      }[];
      const keys = rows.map((r) => r.key);
      // the kills did interrupt a real amount of work
      expect(rows.length).toBeGreaterThan(KILLS);
      // every save the child reported as committed survived the kills
      const inDb = new Set(keys);
      expect(acknowledged.filter((k) => !inDb.has(k))).toEqual([]);
      // every wish is delivered, and delivered wishes keep no contact data
      expect(rows.filter((r) => r.state !== 'delivered')).toEqual([]);
      expect(rows.filter((r) => r.contact_json !== null)).toEqual([]);
      // the server holds exactly these wishes, each stored once (none missing, no duplicates)
      expect([...api.stored.keys()].sort()).toEqual([...keys].sort());
      expect([...api.storeCount.values()].filter((n) => n !== 1)).toEqual([]);
      const texts = [...api.stored.values()].map((w) => w.body.text);
      expect(new Set(texts).size).toBe(texts.length);
      // resends for the same key did happen (kills between the server's reply and our commit)
      expect(api.requests.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 240_000);
});
