import { beforeAll, describe, expect, it, vi } from 'vitest';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (_channel: string, _input: unknown): Promise<unknown> => ({ ok: true, value: null })),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => bridge.exposed.set(key, value) },
  ipcRenderer: { invoke: (channel: string, input: unknown) => bridge.invoke(channel, input), send: vi.fn(), on: vi.fn() },
}));

import { KioskApiError, METHOD_NAMES, ipcChannel } from '../shared/contract';
import { decodeBridgeError } from '../shared/contract/bridge-error';

describe('preload', () => {
  let api: Record<string, unknown>;
  beforeAll(async () => {
    await import('./preload');
    api = bridge.exposed.get('kiosk') as Record<string, unknown>;
  });

  it('exposes exactly one object, window.kiosk', () => {
    expect([...bridge.exposed.keys()]).toEqual(['kiosk']);
  });

  it('exposes exactly the contract calls as functions — no ipcRenderer, nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof api[name]).toBe('function');
    expect(Object.values(api)).not.toContain(bridge.invoke);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its channel and unwraps the value', async () => {
    const name = METHOD_NAMES[0]!;
    bridge.invoke.mockResolvedValueOnce({ ok: true, value: { hello: 'Siegburg' } });
    await expect((api[name] as (i: unknown) => Promise<unknown>)({ x: 1 })).resolves.toEqual({ hello: 'Siegburg' });
    expect(bridge.invoke).toHaveBeenLastCalledWith(ipcChannel(name), { x: 1 });
  });

  it('turns an error envelope into a KioskApiError that survives the context bridge', async () => {
    const name = METHOD_NAMES[0]!;
    bridge.invoke.mockResolvedValueOnce({ ok: false, error: { code: 'not_found', message: 'no such offer' } });
    const err = await (api[name] as (i: unknown) => Promise<unknown>)({}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KioskApiError);
    expect((err as KioskApiError).code).toBe('not_found');
    // contextBridge keeps only the message; the renderer restores code and text from it.
    const crossed = new Error((err as Error).message);
    const restored = decodeBridgeError(crossed);
    expect(restored).toBeInstanceOf(KioskApiError);
    expect(restored.code).toBe('not_found');
    expect(restored.message).toBe('no such offer');
  });

  it('a malformed reply becomes an internal error', async () => {
    bridge.invoke.mockResolvedValueOnce('nonsense');
    const err = await (api[METHOD_NAMES[0]!] as (i: unknown) => Promise<unknown>)({}).catch((e: unknown) => e);
    expect((err as KioskApiError).code).toBe('internal');
  });
});
