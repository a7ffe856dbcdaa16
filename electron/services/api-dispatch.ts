import { z } from 'zod';
import {
  KioskApiError,
  kioskContract,
  type ApiEnvelope,
  type CallContext,
  type KioskHandlers,
  type MethodName,
} from '../../shared/contract';

export interface DispatchLogger {
  error(message: string, meta?: Record<string, unknown>): void;
}

/**
 * The border between untrusted callers (renderer over IPC, browser over HTTP) and the services:
 * unknown calls are refused, every input is parsed with the contract's zod schema before the handler runs,
 * and every failure becomes an error envelope (no stack traces leave the main side).
 */
export function createDispatcher(handlers: KioskHandlers, log: DispatchLogger = console) {
  return async function dispatch(name: string, rawInput: unknown, ctx: CallContext): Promise<ApiEnvelope<unknown>> {
    if (!Object.hasOwn(kioskContract, name)) {
      return { ok: false, error: { code: 'not_found', message: `unknown call ${JSON.stringify(name).slice(0, 80)}` } };
    }
    const key = name as MethodName;
    const spec = kioskContract[key];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid_input', message: z.prettifyError(parsed.error).slice(0, 2000) } };
    }
    try {
      const handler = handlers[key] as (input: unknown, ctx: CallContext) => Promise<unknown>;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (err) {
      if (err instanceof KioskApiError) return { ok: false, error: { code: err.code, message: err.message } };
      log.error(`call ${key} failed`, { error: err instanceof Error ? err.message : String(err) });
      return { ok: false, error: { code: 'internal', message: 'internal error' } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
