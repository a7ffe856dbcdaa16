import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ registerSchemesAsPrivileged: vi.fn() }));
vi.mock('electron', () => ({ protocol: { registerSchemesAsPrivileged: electron.registerSchemesAsPrivileged } }));

import { handleAppScheme, registerAppScheme } from './protocol-glue';

describe('protocol glue', () => {
  it('registers app:// as a standard, secure scheme with fetch, without CSP bypass or CORS exceptions', () => {
    registerAppScheme();
    expect(electron.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, corsEnabled: false, allowServiceWorkers: false }) },
    ]);
  });

  it('answers protocol requests with the handler result as a Response', async () => {
    let registered: ((req: Request) => Promise<Response>) | null = null;
    const session = { protocol: { handle: vi.fn((scheme: string, h: (req: Request) => Promise<Response>) => (registered = h)) } };
    const handler = vi.fn(async () => ({ status: 200, headers: { 'content-type': 'text/plain', 'x-frame-options': 'DENY' }, body: Buffer.from('hallo') }));
    handleAppScheme(session as unknown as Parameters<typeof handleAppScheme>[0], handler);
    expect(session.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const res = await registered!(new Request('https://kiosk/index.html'));
    expect(handler).toHaveBeenCalledWith({ url: 'https://kiosk/index.html', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(await res.text()).toBe('hallo');
  });
});
