import type { z } from 'zod';
import { offersContract } from './offers';
import { wishesContract } from './wishes';
import { printingContract } from './printing';
import { fleetContract } from './fleet';
import { syncContract } from './sync';
import { usageContract } from './usage';
import { speechContract } from './speech';
import { visitContract } from './visit';

/**
 * The one contract between the renderer and the main process (Electron IPC) or the browser host (HTTP).
 * Each feature owns one file; this object is their union.
 */
export const kioskContract = {
  ...offersContract,
  ...wishesContract,
  ...printingContract,
  ...fleetContract,
  ...syncContract,
  ...usageContract,
  ...speechContract,
  ...visitContract,
};

export type KioskContract = typeof kioskContract;
export type MethodName = keyof KioskContract;
export type ApiInput<K extends MethodName> = z.input<KioskContract[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<KioskContract[K]['input']>;
export type ApiOutput<K extends MethodName> = z.output<KioskContract[K]['output']>;

/** What the renderer sees: `window.kiosk` in Electron (preload), an HTTP client on the browser host. */
export type KioskApi = { [K in MethodName]: (input: ApiInput<K>) => Promise<ApiOutput<K>> };

/** Who is calling; the main side fills it in (never the renderer). */
export interface CallContext {
  /** 'ipc' for the Electron window, 'http' for the browser host */
  transport: 'ipc' | 'http';
}

/** What the main process implements: one handler per call, receiving the already-parsed input. */
export type KioskHandlers = {
  [K in MethodName]: (input: ParsedInput<K>, ctx: CallContext) => Promise<ApiOutput<K>>;
};

export const METHOD_NAMES = Object.keys(kioskContract) as MethodName[];

/** Channel name on Electron IPC. */
export const ipcChannel = (name: MethodName) => `kiosk:${name}`;
/** Path on the browser host. */
export const httpPath = (name: MethodName) => `/api/${name}`;

export * from './define';
