/** Structured logger. Never pass personal data (wish texts, contact details) to it. */
export interface Log {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export const consoleLog: Log = {
  info: (m, meta) => console.log(`[info] ${m}`, meta ?? ''),
  warn: (m, meta) => console.warn(`[warn] ${m}`, meta ?? ''),
  error: (m, meta) => console.error(`[error] ${m}`, meta ?? ''),
};

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
