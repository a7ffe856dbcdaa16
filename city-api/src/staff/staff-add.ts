/**
 * `npm run city-api -- staff-add --name <name> --role editor|moderator|admin [--town <town>] [--db <file|url>]`
 * and `npm run city-api -- staff-disable --name <name> [--db …]` (issue 19). The password is never an argument
 * (argv is visible to every user of the machine in `ps`): it comes from env CITY_STAFF_PASSWORD, else from the
 * first line of stdin when stdin is not a terminal, else it is asked for on the terminal without echo.
 * Running staff-add again for the same name sets a new password, role and town and enables the account again.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { openCityDb } from '../city-db';
import { hasPasswordControl } from '../staff-auth';
import type { KioskStorage } from '../storage/kiosk-storage';
import { openPgStorage } from '../storage/pg-storage';
import { STAFF_ROLES, type StaffRole } from '../storage/staff-accounts';
import { sqliteStorage } from '../storage/sqlite-storage';

export const STAFF_COMMANDS = ['staff-add', 'staff-disable'] as const;

async function readPassword(): Promise<string> {
  const env = process.env.CITY_STAFF_PASSWORD;
  if (env !== undefined) return env;
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write('Passwort (mindestens 12 Zeichen): ');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // no echo of the typed characters
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  const pw = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return pw;
}

export async function runStaffCommand(command: (typeof STAFF_COMMANDS)[number], argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { name: { type: 'string' }, role: { type: 'string' }, town: { type: 'string' }, db: { type: 'string' } },
    allowPositionals: false,
  });
  if (!values.name) throw new Error(`${command}: --name is required`);
  const dbArg = values.db ?? process.env.DATABASE_URL ?? 'city-api.sqlite';
  const storage: KioskStorage = /^postgres(ql)?:\/\//i.test(dbArg) ? await openPgStorage({ url: dbArg }) : sqliteStorage(openCityDb(dbArg), { closeDb: true });
  try {
    if (command === 'staff-disable') {
      const done = await storage.disableStaffAccount(values.name);
      process.stdout.write(done ? `staff account ${values.name} disabled (its sessions end at their next request)\n` : `no enabled staff account ${values.name}\n`);
      if (!done) process.exitCode = 1;
      return;
    }
    if (!STAFF_ROLES.includes(values.role as StaffRole)) throw new Error(`staff-add: --role must be one of ${STAFF_ROLES.join(', ')}`);
    const password = await readPassword();
    if (hasPasswordControl(password)) throw new Error('staff-add: the password contains a control character (NUL, tab, …); type it without them');
    const a = await storage.putStaffAccount({ name: values.name, password, role: values.role as StaffRole, town: values.town ?? null });
    process.stdout.write(`staff account ${a.name}: ${a.role}, ${a.town ?? 'district-wide (no town)'}\n`);
  } finally {
    await storage.close();
  }
}
