/**
 * Preload (sandboxed, context-isolated): exposes exactly the typed kiosk API as `window.kiosk` — one function
 * per contract call, nothing else. It never exposes ipcRenderer or any Node/Electron object.
 * Replies are envelopes from the main side; an error envelope becomes a KioskApiError whose message carries
 * the code (contextBridge keeps only an Error's message; the renderer restores it with `withBridgeErrors`).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { encodeBridgeMessage } from '../shared/contract/bridge-error';
import type { KioskApi } from '../shared/contract';
import { KioskApiError, type ApiEnvelope } from '../shared/contract/define';
import { METHOD_NAMES, ipcChannel, type MethodName } from '../shared/contract/method-names';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;

function isEnvelope(v: unknown): v is ApiEnvelope<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

/** Builds the API object from the contract's method names over an `invoke` function (ipcRenderer.invoke). */
export function buildPreloadApi(invoke: Invoke): KioskApi {
  const call = (name: MethodName) => async (input: unknown) => {
    const reply = await invoke(ipcChannel(name), input ?? {});
    if (!isEnvelope(reply)) throw new KioskApiError('internal', encodeBridgeMessage('internal', 'bad reply from the main process'));
    if (!reply.ok) throw new KioskApiError(reply.error.code, encodeBridgeMessage(reply.error.code, reply.error.message));
    return reply.value;
  };
  const api = Object.fromEntries(METHOD_NAMES.map((name) => [name, call(name)]));
  return Object.freeze(api) as unknown as KioskApi;
}

const api = buildPreloadApi((channel, input) => ipcRenderer.invoke(channel, input)) satisfies KioskApi;
contextBridge.exposeInMainWorld('kiosk', api);
