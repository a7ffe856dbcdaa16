import { existsSync, readFileSync, renameSync, rmSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { kioskConfigSchema, type KioskConfig } from '../../../shared/schemas/kiosk-config';
import { CONFIG_FILE_NAME, KioskConfigError, describeIssues } from '../config/kiosk-config-file';

/** The keys present in kiosk.json as written on the device (staff/installer values that win over remote config). */
export function readLocalConfigRaw(dataDir: string): Record<string, unknown> {
  const file = join(dataDir, CONFIG_FILE_NAME);
  if (!existsSync(file)) return {};
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Changes some top-level fields of kiosk.json: reads the file as written, applies the patch, validates the whole
 * result with the kiosk.json schema and writes it atomically (temp file, fsync, rename), so a power cut leaves
 * either the old or the new file. Returns the raw object written.
 */
export function writeKioskConfigPatch(dataDir: string, patch: Partial<KioskConfig>): Record<string, unknown> {
  const file = join(dataDir, CONFIG_FILE_NAME);
  const next = { ...readLocalConfigRaw(dataDir), ...patch };
  const parsed = kioskConfigSchema.safeParse(next);
  if (!parsed.success) {
    const list = describeIssues(parsed.error).map((i) => `${i.field}: ${i.problem}`).join('; ');
    throw new KioskConfigError(`refusing to write invalid ${CONFIG_FILE_NAME} — ${list}`, file, describeIssues(parsed.error));
  }
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return next;
}
