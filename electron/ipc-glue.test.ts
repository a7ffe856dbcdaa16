import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

import { METHOD_NAMES, ipcChannel, type CallContext } from '../shared/contract';
import { isTrustedSender, registerKioskIpc } from './ipc-glue';

type Handler = (event: unknown, input: unknown) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, h: Handler) => handlers.set(channel, h)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const dispatch = vi.fn(async (name: string, input: unknown, ctx: CallContext) => ({ ok: true as const, value: { name, input, ctx } }));
  const off = registerKioskIpc(ipcMain as unknown as Parameters<typeof registerKioskIpc>[0], dispatch);
  return { handlers, ipcMain, dispatch, off };
}
const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('registerKioskIpc', () => {
  it('registers exactly one handler per contract call', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(ipcChannel).sort());
  });

  it('dispatches calls from the kiosk page with transport ipc', async () => {
    const { handlers, dispatch } = setup();
    const name = METHOD_NAMES[0] as string;
    const reply = await handlers.get(ipcChannel(METHOD_NAMES[0]!))!(frame('app://kiosk/index.html'), { a: 1 });
    expect(dispatch).toHaveBeenCalledWith(name, { a: 1 }, { transport: 'ipc' });
    expect(reply).toEqual({ ok: true, value: { name, input: { a: 1 }, ctx: { transport: 'ipc' } } });
  });

  it.each([
    ['a foreign page', frame('https://evil.example/')],
    ['a file:// page', frame('file:///tmp/x.html')],
    ['the browser host origin', frame('http://127.0.0.1:4780/')],
    ['a subframe of the kiosk page', frame('app://kiosk/index.html', { url: 'app://kiosk/index.html' })],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses a call from %s without dispatching', async (_name, event) => {
    const { handlers, dispatch } = setup();
    for (const m of METHOD_NAMES) {
      const reply = await handlers.get(ipcChannel(m))!(event, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('removes all handlers again', () => {
    const { handlers, off } = setup();
    off();
    expect(handlers.size).toBe(0);
  });

  it('isTrustedSender accepts only the top frame on app://kiosk/', () => {
    expect(isTrustedSender(frame('app://kiosk/') as never)).toBe(true);
    expect(isTrustedSender(frame('app://kiosk.evil/') as never)).toBe(false);
  });
});
