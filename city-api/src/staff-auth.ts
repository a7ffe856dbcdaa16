import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { CityDb } from './city-db';

/** Salted scrypt hash of the staff password, kept only in memory. */
export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
}

const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/**
 * Control characters (C0, DEL, C1) are never part of a staff password, neither when one is set nor at login.
 * Why (issue 19): scrypt derives its key with PBKDF2-HMAC-SHA256, and HMAC pads a key shorter than its 64-byte block
 * with zero bytes, so "passwort" and "passwort\u0000" (any number of trailing NULs) give the same hash: a password
 * with a trailing NUL logged in. No one types a control character into a password field; they come from pasted
 * lines, scripts or attacks. Refused with a plain message instead of being stripped, so nothing is silently changed.
 */
// eslint-disable-next-line no-control-regex
const PASSWORD_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
export const hasPasswordControl = (password: string): boolean => PASSWORD_CONTROL.test(password);
export const PASSWORD_CONTROL_MESSAGE = 'Das Passwort enthält ein unsichtbares Steuerzeichen (zum Beispiel aus einer kopierten Zeile). Bitte das Passwort von Hand eintippen.';

export function hashPassword(password: string, salt = randomBytes(16)): PasswordHash {
  if (hasPasswordControl(password)) throw new Error('password: no control characters (NUL, tab, line breaks, …)');
  return { salt, hash: scryptSync(password.normalize('NFC'), salt, 32, SCRYPT) };
}

export function verifyPassword(candidate: string, stored: PasswordHash): boolean {
  if (candidate.length === 0 || candidate.length > 1000 || hasPasswordControl(candidate)) return false;
  const h = scryptSync(candidate.normalize('NFC'), stored.salt, 32, SCRYPT);
  return timingSafeEqual(h, stored.hash);
}

export const SESSION_COOKIE = 'city_staff';
export const SESSION_TTL_MS = 8 * 3600_000;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');

export function createSession(db: CityDb, now = new Date()): { id: string; csrf: string } {
  const id = randomToken();
  const csrf = randomToken();
  db.prepare(`DELETE FROM admin_sessions WHERE expires_at < ?`).run(now.toISOString());
  db.prepare(`INSERT INTO admin_sessions (id_sha256, csrf, expires_at) VALUES (?, ?, ?)`).run(sha(id), csrf, new Date(now.getTime() + SESSION_TTL_MS).toISOString());
  return { id, csrf };
}

/** The session's CSRF token, or null when the cookie names no live session. */
export function sessionCsrf(db: CityDb, id: string | undefined, now = new Date()): string | null {
  if (!id || id.length > 100) return null;
  const row = db.prepare(`SELECT csrf, expires_at FROM admin_sessions WHERE id_sha256 = ?`).get(sha(id)) as { csrf: string; expires_at: string } | undefined;
  if (!row || row.expires_at < now.toISOString()) return null;
  return row.csrf;
}

export function endSession(db: CityDb, id: string | undefined): void {
  if (id) db.prepare(`DELETE FROM admin_sessions WHERE id_sha256 = ?`).run(sha(id));
}

export function sameToken(a: string | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      /* ignore malformed cookie */
    }
  }
  return out;
}

/** Failed logins per client address in the last minute (simple brute-force brake). */
export function createLoginThrottle(limit = 5, windowMs = 60_000) {
  const failures = new Map<string, number[]>();
  return {
    blocked(ip: string, now = Date.now()): boolean {
      const list = (failures.get(ip) ?? []).filter((t) => now - t < windowMs);
      failures.set(ip, list);
      return list.length >= limit;
    },
    fail(ip: string, now = Date.now()): void {
      const list = failures.get(ip) ?? [];
      list.push(now);
      failures.set(ip, list);
    },
    reset(ip: string): void {
      failures.delete(ip);
    },
  };
}
