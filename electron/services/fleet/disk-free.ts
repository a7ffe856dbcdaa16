import { statfsSync } from 'node:fs';

/** Free space of the data directory's file system in MB, or null when it cannot be read. */
export function diskFreeMb(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Math.round((Number(s.bavail) * Number(s.bsize)) / (1024 * 1024));
  } catch {
    return null;
  }
}
