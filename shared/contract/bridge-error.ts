import { API_ERROR_CODES, KioskApiError, type ApiErrorCode } from './define';
import type { KioskApi } from './index';
import { METHOD_NAMES } from './method-names';

/**
 * Electron's contextBridge copies only the message of an Error that crosses from the preload into the page
 * (class and custom properties like `code` are lost). The preload therefore puts the code into the message
 * with `encodeBridgeMessage`, and the renderer wraps `window.kiosk` with `withBridgeErrors` to get real
 * KioskApiError objects back.
 */
const PREFIX = 'kiosk-api-error:';

export function encodeBridgeMessage(code: ApiErrorCode, message: string): string {
  return `${PREFIX}${code}:${message}`;
}

/** Turns whatever came over the bridge back into a KioskApiError (unknown errors become 'internal'). */
export function decodeBridgeError(err: unknown): KioskApiError {
  if (err instanceof KioskApiError && !err.message.startsWith(PREFIX)) return err;
  const text = err instanceof Error ? err.message : String(err);
  const at = text.indexOf(PREFIX);
  if (at >= 0) {
    const rest = text.slice(at + PREFIX.length);
    const colon = rest.indexOf(':');
    const code = rest.slice(0, colon) as ApiErrorCode;
    if (colon > 0 && (API_ERROR_CODES as readonly string[]).includes(code)) return new KioskApiError(code, rest.slice(colon + 1));
  }
  return new KioskApiError('internal', text);
}

/** The renderer's view of the preload API: same calls, errors restored to KioskApiError with their code. */
export function withBridgeErrors(bridge: KioskApi): KioskApi {
  const call = (name: keyof KioskApi) => async (input: unknown) => {
    try {
      return await (bridge[name] as (i: unknown) => Promise<unknown>)(input);
    } catch (err) {
      throw decodeBridgeError(err);
    }
  };
  return Object.fromEntries(METHOD_NAMES.map((name) => [name, call(name)])) as unknown as KioskApi;
}
