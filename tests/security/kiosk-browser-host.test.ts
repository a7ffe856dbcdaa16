// Attacks on the browser host over HTTP on 127.0.0.1 (issue 13): forged Host (DNS rebinding) and Origin (a web page
// in another tab), cross-site fetch metadata, form content types, and staff calls without a session — each refused
// before any handler runs; a staff unlock through a refused request leaves the PIN counter untouched.
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeKiosk, type KioskRuntime } from '../../electron/services/compose';
import { LOCKOUT_KEY } from '../../electron/services/fleet/staff-auth';
import { silentLog } from '../../electron/services/log';
import { listenHost, type RunningHost } from '../../electron/host/server';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';

let dir = '';
let runtime: KioskRuntime;
let host: RunningHost;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gk-sec-host-'));
  runtime = composeKiosk({ dataDir: dir, config: kioskConfigSchema.parse({ staffPin: undefined }), version: 'test', log: silentLog, fleet: { timers: false } });
  host = await listenHost({ runtime, rendererDir: join(dir, 'no-renderer'), port: 0, log: silentLog });
});
afterAll(async () => {
  await host.close();
  await runtime.stop();
  rmSync(dir, { recursive: true, force: true });
});

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path, headers, setHost: false }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const ROUTES: [string, string, string?][] = [
  ['GET', '/'],
  ['GET', '/tiles/12/2140/1374'],
  ['GET', `/images/${'a'.repeat(64)}`],
  ['POST', '/api/getBootInfo', '{}'],
  ['POST', '/api/staffUnlock', '{"pin":"246810"}'],
  ['POST', '/api/setStaffPin', '{"token":"x","newPin":"1234"}'],
  ['POST', '/api/submitWish', '{}'],
  ['POST', '/api/printSlip', '{}'],
];

describe('forged Host and Origin are refused on every route', () => {
  const goodHost = () => `127.0.0.1:${host.port}`;
  const forged: [string, () => Record<string, string>][] = [
    ['Host: attacker.example (DNS rebinding)', () => ({ host: 'attacker.example' })],
    ['Host: attacker.example with our port', () => ({ host: `attacker.example:${host.port}` })],
    ['Host: 127.0.0.1 on another port', () => ({ host: `127.0.0.1:${host.port + 1}` })],
    ['Host: 127.0.0.1.nip.io', () => ({ host: `127.0.0.1.nip.io:${host.port}` })],
    ['Host: 0.0.0.0', () => ({ host: `0.0.0.0:${host.port}` })],
    ['no Host header', () => ({})],
    ['Origin: https://attacker.example', () => ({ host: goodHost(), origin: 'https://attacker.example' })],
    ['Origin: null (sandboxed frame, file://)', () => ({ host: goodHost(), origin: 'null' })],
    ['Origin: https on our own host (other scheme)', () => ({ host: goodHost(), origin: `https://${goodHost()}` })],
    ['Origin: our host on another port', () => ({ host: goodHost(), origin: `http://127.0.0.1:${host.port + 1}` })],
    ['Sec-Fetch-Site: cross-site', () => ({ host: goodHost(), 'sec-fetch-site': 'cross-site' })],
  ];
  for (const [method, path, body] of ROUTES) {
    for (const [label, headers] of forged) {
      it(`${method} ${path}: ${label}`, async () => {
        const h = { ...headers(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) };
        const res = await send(method, path, h, body);
        // without a Host header Node's HTTP parser already answers 400; everything else is the host's own 403
        if (label === 'no Host header') expect([400, 403]).toContain(res.status);
        else {
          expect(res.status).toBe(403);
          expect(res.body).toContain('foreign host or origin');
        }
      });
    }
  }

  it('control: the same requests with our own Host and Origin are answered', async () => {
    const res = await send('POST', '/api/getBootInfo', { host: goodHost(), origin: `http://${goodHost()}`, 'content-type': 'application/json' }, '{}');
    expect(res.status).toBe(200);
  });

  it('a forged-origin PIN guess never reaches the lockout counter', async () => {
    for (let i = 0; i < 6; i++) {
      await send('POST', '/api/staffUnlock', { host: goodHost(), origin: 'https://attacker.example', 'content-type': 'application/json' }, '{"pin":"1111"}');
    }
    expect(runtime.fleet.store.get(LOCKOUT_KEY)).toBeNull();
  });
});

describe('form posts and staff calls without a session', () => {
  const goodHost = () => `127.0.0.1:${host.port}`;
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    it(`a ${type} body (an HTML form from another page) cannot reach the API`, async () => {
      const res = await send('POST', '/api/staffUnlock', { host: goodHost(), 'content-type': type }, 'pin=246810');
      expect(res.status).toBe(415);
    });
  }
  for (const name of ['testPrint', 'makeBrochure', 'syncNow', 'getStaffStatus', 'staffAction', 'setCityApi', 'setStaffPin']) {
    it(`POST /api/${name} without a session is refused`, async () => {
      const res = await send('POST', `/api/${name}`, { host: goodHost(), 'content-type': 'application/json' }, JSON.stringify({ token: 'a'.repeat(64), action: 'reload' }));
      const env = JSON.parse(res.body) as { ok: boolean; error?: { code: string } };
      expect(env.ok).toBe(false);
      expect(['forbidden', 'invalid_input']).toContain(env.error?.code);
    });
  }
});
