/**
 * Electron IPC → the kiosk dispatcher. One `ipcMain.handle` per contract call; every call is checked to come
 * from the kiosk's own top-level page (`app://kiosk/…`) before its input is parsed and dispatched.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { METHOD_NAMES, ipcChannel, type ApiEnvelope } from '../shared/contract';
import type { Dispatch } from './services/api-dispatch';
import type { Log } from './services/log';
import { isAppUrl } from './window/navigation-policy';

/** The sender must be the main frame of a page under app://kiosk/ (not a subframe, not a foreign page). */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

const FORBIDDEN: ApiEnvelope<never> = { ok: false, error: { code: 'forbidden', message: 'caller is not the kiosk page' } };

/** Registers all handlers; returns a function that removes them (tests, shutdown). */
export function registerKioskIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, log?: Log): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event: IpcMainInvokeEvent, input: unknown) => {
      if (!isTrustedSender(event)) {
        log?.warn('refused IPC call from an untrusted sender', { call: name });
        return FORBIDDEN;
      }
      return dispatch(name, input, { transport: 'ipc' });
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}
