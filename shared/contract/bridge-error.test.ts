import { describe, expect, it } from 'vitest';
import { KioskApiError } from './define';
import { decodeBridgeError, encodeBridgeMessage, withBridgeErrors } from './bridge-error';
import { METHOD_NAMES, type KioskApi } from './index';

describe('errors across the context bridge', () => {
  it('restores code and message from what contextBridge keeps (the message only)', () => {
    const crossed = new Error(encodeBridgeMessage('locked', 'too many wrong PINs: wait 5 minutes'));
    const e = decodeBridgeError(crossed);
    expect(e).toBeInstanceOf(KioskApiError);
    expect(e.code).toBe('locked');
    expect(e.message).toBe('too many wrong PINs: wait 5 minutes');
  });

  it('also finds the marker after a prefix Electron may add', () => {
    const e = decodeBridgeError(new Error(`Error invoking remote method: ${encodeBridgeMessage('printer_error', 'paper out')}`));
    expect(e.code).toBe('printer_error');
    expect(e.message).toBe('paper out');
  });

  it('unknown codes and foreign errors become internal; real KioskApiErrors pass through', () => {
    expect(decodeBridgeError(new Error('kiosk-api-error:boom:x')).code).toBe('internal');
    expect(decodeBridgeError(new Error('network down')).code).toBe('internal');
    expect(decodeBridgeError('text').message).toBe('text');
    const own = new KioskApiError('not_found', 'gone');
    expect(decodeBridgeError(own)).toBe(own);
  });

  it('withBridgeErrors keeps every call and rethrows KioskApiError with its code', async () => {
    const bridge = Object.fromEntries(
      METHOD_NAMES.map((n) => [n, async (input: unknown) => {
        if ((input as { fail?: boolean }).fail) throw new Error(encodeBridgeMessage('invalid_input', 'bad'));
        return { n };
      }]),
    ) as unknown as KioskApi;
    const api = withBridgeErrors(bridge) as unknown as Record<string, (i: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    const name = METHOD_NAMES[0]!;
    await expect(api[name]!({})).resolves.toEqual({ n: name });
    await expect(api[name]!({ fail: true })).rejects.toMatchObject({ code: 'invalid_input', message: 'bad' });
  });
});
