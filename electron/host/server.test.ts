import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEnvelope, CallContext } from '../../shared/contract';
import type { BinaryAsset } from '../services/binary-assets';
import { createHostServer, isAllowedRequest, listenHost, type HostRuntime, type RunningHost } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Raw HTTP so tests can send any Host/Origin header (fetch would not let us). */
function http(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}
const json = (r: Reply) => JSON.parse(r.body.toString('utf8')) as ApiEnvelope<unknown>;
const postJson = (port: number, path: string, body: unknown, headers: Record<string, string> = {}) =>
  http(port, { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const TILE: BinaryAsset = { contentType: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };
const SHA = 'a'.repeat(64);

describe('browser host server', () => {
  let dir: string;
  let host: RunningHost;
  const calls: { name: string; input: unknown; ctx: CallContext }[] = [];
  const tileCalls: number[][] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-host-'));
    const rendererDir = join(dir, 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Kiosk</title>');
    writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
    host = await listenHost({
      port: 0,
      rendererDir,
      runtime: {
        async dispatch(name, input, ctx) {
          calls.push({ name, input, ctx });
          if (name === 'getOffer') return { ok: false, error: { code: 'not_found', message: 'no such offer' } };
          return { ok: true, value: { echo: input } };
        },
        tiles: {
          getTile(z, x, y) {
            tileCalls.push([z, x, y]);
            return z === 3 && x === 1 && y === 2 ? TILE : null;
          },
        },
        images: { get: async (sha) => (sha === SHA ? { contentType: 'image/jpeg', body: Buffer.from('jpeg') } : null) },
      },
    });
  });
  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, on the port it reports', () => {
    const addr = host.app.server.address();
    expect(addr).toMatchObject({ address: '127.0.0.1', port: host.port });
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
  });

  it('dispatches POST /api/<name> with transport http and returns the envelope', async () => {
    const r = await postJson(host.port, '/api/searchOffers', { text: 'garten' });
    expect(r.status).toBe(200);
    expect(json(r)).toEqual({ ok: true, value: { echo: { text: 'garten' } } });
    expect(calls.at(-1)).toEqual({ name: 'searchOffers', input: { text: 'garten' }, ctx: { transport: 'http' } });
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('passes error envelopes through unchanged', async () => {
    const r = await postJson(host.port, '/api/getOffer', { id: 'x' });
    expect(json(r)).toEqual({ ok: false, error: { code: 'not_found', message: 'no such offer' } });
  });

  it('answers an unknown call with a not_found envelope and never dispatches it', async () => {
    const before = calls.length;
    for (const name of ['deleteEverything', 'constructor', '__proto__', 'toString']) {
      const r = await postJson(host.port, `/api/${name}`, {});
      expect(r.status).toBe(404);
      expect(json(r)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(calls.length).toBe(before);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    for (const hostHeader of [`evil.example:${host.port}`, '127.0.0.1:1', `127.0.0.1.nip.io:${host.port}`]) {
      const before = calls.length;
      const r = await postJson(host.port, '/api/searchOffers', {}, { host: hostHeader });
      expect(r.status).toBe(403);
      expect(json(r)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(calls.length).toBe(before);
    }
    expect((await http(host.port, { path: '/', headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('accepts localhost:<port> as Host and same-origin Origin', async () => {
    const r = await postJson(host.port, '/api/searchOffers', {}, { host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` });
    expect(r.status).toBe(200);
    const r2 = await postJson(host.port, '/api/searchOffers', {}, { origin: `http://127.0.0.1:${host.port}` });
    expect(r2.status).toBe(200);
  });

  it('refuses a foreign Origin (cross-site request) with 403 and does not dispatch', async () => {
    const before = calls.length;
    for (const origin of ['https://evil.example', `http://127.0.0.1:${host.port + 1}`, 'null', `https://127.0.0.1:${host.port}`]) {
      const r = await postJson(host.port, '/api/searchOffers', {}, { origin });
      expect(r.status).toBe(403);
    }
    expect(calls.length).toBe(before);
  });

  it('refuses an oversized body with 413 and an envelope', async () => {
    const before = calls.length;
    const r = await postJson(host.port, '/api/searchOffers', { text: 'x'.repeat(300 * 1024) });
    expect(r.status).toBe(413);
    expect(json(r)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls.length).toBe(before);
  });

  it('accepts only JSON bodies', async () => {
    const before = calls.length;
    const r = await http(host.port, { method: 'POST', path: '/api/searchOffers', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(r.status).toBe(415);
    const r2 = await http(host.port, { method: 'POST', path: '/api/searchOffers', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(r2.status).toBe(400);
    expect(json(r2)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls.length).toBe(before);
  });

  it('serves the renderer with security headers; the shell is never cached, hashed assets are', async () => {
    const r = await http(host.port, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('<title>Kiosk</title>');
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['cache-control']).toBe('no-store');
    const a = await http(host.port, { path: '/assets/app-1234.js' });
    expect(a.status).toBe(200);
    expect(a.headers['cache-control']).toContain('immutable');
    expect(a.headers['x-frame-options']).toBe('DENY');
    expect((await http(host.port, { path: '/favicon.ico' })).status).toBe(204);
  });

  it('does not serve files outside the renderer directory', async () => {
    const r = await http(host.port, { path: '/../../etc/passwd' });
    expect(r.status).toBe(404);
    const r2 = await http(host.port, { path: '/%2e%2e/%2e%2e/etc/passwd' });
    expect([400, 403, 404]).toContain(r2.status);
    expect(r2.body.toString()).not.toContain('root:');
  });

  it('serves tiles from runtime.tiles and validates coordinates', async () => {
    const r = await http(host.port, { path: '/tiles/3/1/2' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.body.equals(TILE.body)).toBe(true);
    expect((await http(host.port, { path: '/tiles/3/1/3' })).status).toBe(404);
    const before = tileCalls.length;
    for (const bad of ['/tiles/a/1/2', '/tiles/3/8/0', '/tiles/-1/0/0', '/tiles/3/1/2.5', '/tiles/23/0/0', '/tiles/03/1/2']) {
      expect((await http(host.port, { path: bad })).status).toBe(404);
    }
    expect(tileCalls.length).toBe(before);
  });

  it('serves images by sha256 and validates the hash', async () => {
    const r = await http(host.port, { path: `/images/${SHA}` });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/jpeg');
    expect(r.headers['cache-control']).toContain('immutable');
    expect((await http(host.port, { path: `/images/${'b'.repeat(64)}` })).status).toBe(404);
    expect((await http(host.port, { path: `/images/${'A'.repeat(64)}` })).status).toBe(404);
    expect((await http(host.port, { path: '/images/abc' })).status).toBe(404);
  });
});

describe('host without a built renderer or binary sources', () => {
  it('says the renderer is not built, still serves the API, and 404s binary routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-host-'));
    const host = await listenHost({ port: 0, rendererDir: join(dir, 'missing'), runtime: { dispatch: async () => ({ ok: true, value: 1 }) } });
    try {
      expect(host.rendererBuilt).toBe(false);
      const r = await http(host.port, { path: '/' });
      expect(r.status).toBe(503);
      expect(r.body.toString()).toContain('npm run build');
      expect(json(await postJson(host.port, '/api/getBootInfo', {}))).toEqual({ ok: true, value: 1 });
      expect((await http(host.port, { path: '/tiles/0/0/0' })).status).toBe(404);
      expect((await http(host.port, { path: `/images/${SHA}` })).status).toBe(404);
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('host server start (issue 20: no Ajv / fast-json-stringify set-up)', () => {
  it('refuses a route that declares a JSON schema, for its body or its reply', async () => {
    for (const schema of [{ body: { type: 'object' } }, { response: { 200: { type: 'object' } } }]) {
      const { app } = await createHostServer({ rendererDir: join(tmpdir(), 'no-renderer'), runtime: { dispatch: async () => ({ ok: true, value: 1 }) } });
      app.post('/with-schema', { schema }, async () => ({}));
      await expect(app.ready()).rejects.toThrow(/no JSON schemas/);
      await app.close().catch(() => undefined);
    }
  });
});

describe('host listening before the kiosk is composed (issue 20: cold start)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-host-early-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Kiosk</title>');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the page at once; API, tile and image requests made meanwhile wait and are all answered by the composed kiosk', async () => {
    let compose!: (r: HostRuntime) => void;
    const host = await listenHost({ port: 0, rendererDir: dir, runtime: new Promise<HostRuntime>((ok) => (compose = ok)) });
    try {
      const answered: string[] = [];
      const early = [
        postJson(host.port, '/api/getBootInfo', { a: 1 }).then((r) => (answered.push('api'), r)),
        postJson(host.port, '/api/searchOffers', { text: '<b>Töpfern</b>' }).then((r) => (answered.push('api2'), r)),
        http(host.port, { path: '/tiles/3/1/2' }).then((r) => (answered.push('tile'), r)),
        http(host.port, { path: `/images/${SHA}` }).then((r) => (answered.push('image'), r)),
      ];
      const page = await http(host.port, { path: '/' });
      expect(page.status).toBe(200);
      expect(page.body.toString()).toContain('<title>Kiosk</title>');
      // the page went out while the calls made before it still wait for the kiosk
      expect(answered).toEqual([]);
      const calls: unknown[] = [];
      compose({
        dispatch: async (name, input) => (calls.push([name, input]), { ok: true, value: name }),
        tiles: { getTile: (z, x, y) => (z === 3 && x === 1 && y === 2 ? TILE : null) },
        images: { get: async (sha) => (sha === SHA ? { contentType: 'image/jpeg', body: Buffer.from('jpeg') } : null) },
      });
      const [api, api2, tile, image] = await Promise.all(early);
      expect([api!.status, json(api!)]).toEqual([200, { ok: true, value: 'getBootInfo' }]);
      expect([api2!.status, json(api2!)]).toEqual([200, { ok: true, value: 'searchOffers' }]);
      expect(calls).toEqual(expect.arrayContaining([['getBootInfo', { a: 1 }], ['searchOffers', { text: '<b>Töpfern</b>' }]]));
      expect([tile!.status, tile!.body]).toEqual([200, TILE.body]);
      expect([image!.status, image!.body.toString()]).toEqual([200, 'jpeg']);
    } finally {
      await host.close();
    }
  });

  it("a kiosk that could not be composed: waiting calls get 503 'unavailable' (not a hang), the page is still served", async () => {
    let fail!: (err: Error) => void;
    const host = await listenHost({ port: 0, rendererDir: dir, runtime: new Promise<HostRuntime>((_ok, no) => (fail = no)) });
    try {
      const early = postJson(host.port, '/api/getBootInfo', {});
      const tile = http(host.port, { path: '/tiles/3/1/2' });
      fail(new Error('database too new'));
      expect([(await early).status, json(await early)]).toEqual([503, { ok: false, error: { code: 'unavailable', message: 'the kiosk could not start' } }]);
      expect((await tile).status).toBe(503);
      expect((await http(host.port, { path: '/' })).status).toBe(200);
      // the Host/Origin check still comes first
      expect((await postJson(host.port, '/api/getBootInfo', {}, { host: 'attacker.example' })).status).toBe(403);
    } finally {
      await host.close();
    }
  });
});

describe('browser host server: a kiosk that cannot start', () => {
  it('closes at once after a failed composition, though the waiting clients keep their connections alive (the CLI then exits 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-host-fail-'));
    let fail!: (err: Error) => void;
    const host = await listenHost({ port: 0, rendererDir: dir, runtime: new Promise<HostRuntime>((_ok, no) => (fail = no)) });
    // like Chromium: one kept-alive connection per request, never closed by the client
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 600_000, maxSockets: 4 });
    try {
      const call = (path: string) =>
        new Promise<{ status: number; connection: string | undefined; closed: Promise<void> }>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: host.port, method: 'POST', path, agent, headers: { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json' } }, (res) => {
            const closed = new Promise<void>((done) => req.socket!.once('close', () => done()));
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, closed }));
          });
          req.on('error', reject);
          req.end('{}');
        });
      const waiting = [call('/api/getBootInfo'), call('/api/searchOffers')];
      // the requests wait for the kiosk (nothing answered yet) when its composition fails and the CLI closes the host
      await new Promise<void>((r) => {
        let n = 0;
        host.app.server.on('request', () => ++n === waiting.length && setImmediate(r));
      });
      fail(new Error('EISDIR: illegal operation on a directory, read'));
      const closing = host.close();
      const answers = await Promise.all(waiting);
      expect(answers.map((a) => [a.status, a.connection])).toEqual([
        [503, 'close'],
        [503, 'close'],
      ]);
      // the server ends each connection itself: close() does not wait for the clients' keep-alive (72 s in fastify)
      await Promise.all(answers.map((a) => a.closed));
      await closing;
    } finally {
      agent.destroy();
      await host.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('isAllowedRequest', () => {
  it.each([
    [{ host: '127.0.0.1:4780' }, true],
    [{ host: 'LOCALHOST:4780' }, true],
    [{ host: '127.0.0.1:4780', origin: 'http://127.0.0.1:4780' }, true],
    [{ host: '127.0.0.1:4780', 'sec-fetch-site': 'same-origin' }, true],
    [{}, false],
    [{ host: '127.0.0.1' }, false],
    [{ host: 'attacker.example:4780' }, false],
    [{ host: '127.0.0.1:4780', origin: 'http://attacker.example' }, false],
    [{ host: '127.0.0.1:4780', 'sec-fetch-site': 'cross-site' }, false],
  ])('%o → %s', (headers, allowed) => {
    expect(isAllowedRequest(headers, 4780)).toBe(allowed);
  });
});
