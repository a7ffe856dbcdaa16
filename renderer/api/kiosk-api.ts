// Values only from zod-free modules (issue 20: no zod in the renderer); the contract index gives types.
import type { KioskApi } from '../../shared/contract';
import { withBridgeErrors } from '../../shared/contract/bridge-error';
import { KioskApiError, type ApiEnvelope } from '../../shared/contract/define';
import { METHOD_NAMES, httpPath, type MethodName } from '../../shared/contract/method-names';

declare global {
  interface Window {
    /** Present in Electron (preload); absent on the browser host. */
    kiosk?: KioskApi;
  }
}

/** The browser host's transport: the same calls as POST /api/<name> on 127.0.0.1. */
export function createHttpKioskApi(base = ''): KioskApi {
  const call = async (name: MethodName, input: unknown): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(`${base}${httpPath(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      throw new KioskApiError('unavailable', `host not reachable: ${(err as Error).message}`);
    }
    const envelope = (await res.json().catch(() => null)) as ApiEnvelope<unknown> | null;
    if (!envelope) throw new KioskApiError('internal', `bad reply (${res.status})`);
    if (!envelope.ok) throw new KioskApiError(envelope.error.code, envelope.error.message);
    return envelope.value;
  };
  return Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as KioskApi;
}

/** The one API object the UI uses. In Electron, errors lose their code on the context bridge; withBridgeErrors restores it. */
export const api: KioskApi = window.kiosk ? withBridgeErrors(window.kiosk) : createHttpKioskApi();
