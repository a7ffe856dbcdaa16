import type { KioskConfig } from '../../../shared/schemas/kiosk-config';

/** Holds the effective configuration; services read it on use so that remote changes apply live. */
export interface ConfigStore {
  get(): KioskConfig;
  /** Replace the effective configuration and tell subscribers. */
  set(next: KioskConfig): void;
  subscribe(listener: (next: KioskConfig, previous: KioskConfig) => void): () => void;
}

export function createConfigStore(initial: KioskConfig): ConfigStore {
  let current = initial;
  const listeners = new Set<(next: KioskConfig, previous: KioskConfig) => void>();
  return {
    get: () => current,
    set(next) {
      const previous = current;
      current = next;
      for (const l of listeners) l(next, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
