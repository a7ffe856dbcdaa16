import type { z } from 'zod';
import { offersContract } from './offers';
import { wishesContract } from './wishes';
import { printingContract } from './printing';
import { fleetContract } from './fleet';
import { syncContract } from './sync';
import { usageContract } from './usage';
import { speechContract } from './speech';
import { visitContract } from './visit';
import type { MethodName } from './method-names';

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
export { METHOD_NAMES, httpPath, ipcChannel, type MethodName } from './method-names';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** METHOD_NAMES (method-names.ts, zod-free for the renderer) is exactly the contract's keys, or this fails to compile. */
export const METHOD_NAMES_MATCH_CONTRACT: Same<MethodName, keyof KioskContract> = true;
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


export * from './define';
