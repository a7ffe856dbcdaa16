import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A package loaded on first use instead of at start: `const pkg = lazyModule<typeof import('pkg')>('pkg')`, then
 * `pkg().fn()`. For packages that only some kiosks need, or only later (receipt printing, PMTiles packs), so that
 * loading them is not on the path to the first screen (issue 20: the host listens sooner). Only for packages with a
 * CommonJS entry, which `require` loads synchronously.
 */
export function lazyModule<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
