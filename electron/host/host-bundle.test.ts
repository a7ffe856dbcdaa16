/**
 * The bundled browser host (scripts/build-host.mjs, issue 20: cold start): the entry that listens carries none of the
 * kiosk's services (compose graph, better-sqlite3); cli.ts imports them from a chunk beside it once it listens, and the
 * host built that way still composes the kiosk and answers API calls.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');

function post(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end('{}');
  });
}

describe('host bundle', () => {
  // Under ROOT/out (git-ignored) so the bundle finds node_modules (better-sqlite3 stays external).
  let dir: string;
  let dataDir: string;
  beforeAll(() => {
    mkdirSync(join(ROOT, 'out'), { recursive: true }); // a fresh clone has no out/ before its first build
    dir = mkdtempSync(join(ROOT, 'out', '.host-bundle-test-'));
    dataDir = mkdtempSync(join(tmpdir(), 'host-bundle-data-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build-host.mjs'), join(dir, 'host')], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the kiosk services out of the entry: no better-sqlite3, the compose code in a chunk imported later', () => {
    const entry = readFileSync(join(dir, 'host/cli.mjs'), 'utf8');
    // Booleans, not the 1 MB entry in the failure message.
    expect(/from\s*["'`]better-sqlite3["'`]/.test(entry), 'entry imports better-sqlite3').toBe(false);
    const compose = readdirSync(join(dir, 'host')).find((f) => /^chunk-compose-.*\.mjs$/.test(f));
    expect(compose, 'a chunk-compose-*.mjs beside the entry').toBeDefined();
    const quoted = `["'\`]\\./${compose!.replace(/[.$]/g, '\\$&')}["'\`]`;
    expect(new RegExp(`import\\(${quoted}\\)`).test(entry), 'entry imports the compose chunk dynamically').toBe(true);
    expect(new RegExp(`from\\s*${quoted}`).test(entry), 'entry imports the compose chunk statically').toBe(false);
  });

  it('starts from the bundle, composes the kiosk from its chunk and answers an API call', async () => {
    const child = spawn(process.execPath, [join(dir, 'host/cli.mjs'), '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const url = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) ok(m[1]!);
        });
        child.once('exit', (code) => fail(new Error(`host exited with ${code}`)));
      });
      const r = await post(url, '/api/getBootInfo');
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body)).toMatchObject({ ok: true });
      expect((await post(url, '/api/GETBOOTINFO')).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 60_000);
});
