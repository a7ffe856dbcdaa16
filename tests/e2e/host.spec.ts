import { readdirSync, rmSync } from 'node:fs';
import { expect, runHostUntilExit, test } from './fixtures/host';

test.describe('browser host start-up', () => {
  test('a kiosk.json that is not JSON stops start-up with a clear message and changes nothing', async () => {
    const r = await runHostUntilExit({ config: '{ "kioskId": "rathaus-foyer", ' });
    try {
      expect(r.started).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('kiosk.json is not valid JSON');
      expect(r.stderr).toContain('Nothing was changed');
      expect(readdirSync(r.dataDir)).toEqual(['kiosk.json']);
    } finally {
      rmSync(r.dataDir, { recursive: true, force: true });
    }
  });

  test('a kiosk.json with a wrong field names the field and the host does not start', async () => {
    const r = await runHostUntilExit({ config: { printer: { transport: 'tcp', host: '127.0.0.1', port: 'x' } } });
    try {
      expect(r.started).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/field "printer\.port"/);
      expect(r.stdout).not.toContain('listening on');
      expect(readdirSync(r.dataDir)).toEqual(['kiosk.json']);
    } finally {
      rmSync(r.dataDir, { recursive: true, force: true });
    }
  });

  test('an unknown field is named too', async () => {
    const r = await runHostUntilExit({ config: { kioskId: 'rathaus', printr: { transport: 'none' } } });
    try {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('printr');
    } finally {
      rmSync(r.dataDir, { recursive: true, force: true });
    }
  });
});

test.describe('browser host serving the kiosk', () => {
  test('the page loads with its security headers and no console errors', async ({ page, host }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const res = await page.goto('/');
    expect(res?.status()).toBe(200);
    const headers = res?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(await page.locator('#root').count()).toBe(1);
    await expect(page.locator('#root')).not.toBeEmpty();
    expect(page.url()).toBe(`${host.baseURL}/`);
    expect(errors).toEqual([]);
  });

  test('the page reaches the API through the same origin', async ({ page }) => {
    await page.goto('/');
    const envelope = await page.evaluate(async () => {
      const res = await fetch('/api/noSuchCall', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return (await res.json()) as unknown;
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

});
