/**
 * Child process of the outbox crash test (tests/crash/outbox-crash.test.ts). It is SIGKILLed at random points.
 *
 *   node outbox-crash-child.mjs <db file> <base url> <token> chaos <run id>
 *     opens the database, starts the sender, and keeps saving wishes (printing "saved <key>" after each commit)
 *   node outbox-crash-child.mjs <db file> <base url> <token> drain
 *     sends until nothing is pending, then exits 0
 */
import { systemClock } from '../../shared/logic/clock';
import { kioskConfigSchema } from '../../shared/schemas/kiosk-config';
import { createConfigStore } from '../../electron/services/config/config-store';
import { openDatabase } from '../../electron/services/db/open-database';
import { silentLog } from '../../electron/services/log';
import { createOutboxSender } from '../../electron/services/outbox/outbox-sender';
import { createWishOutbox } from '../../electron/services/outbox/wish-outbox';
import { createFetchWishTransport } from '../../electron/services/outbox/wish-transport';

const [file, baseUrl, token, mode, runId] = process.argv.slice(2);
if (!file || !baseUrl || !token || (mode !== 'chaos' && mode !== 'drain')) {
  console.error('usage: <db file> <base url> <token> chaos|drain [run id]');
  process.exit(2);
}

const db = openDatabase({ file });
const config = createConfigStore(kioskConfigSchema.parse({ kioskId: 'crash-kiosk', cityApi: { baseUrl, token } }));
const outbox = createWishOutbox(db, systemClock);
const sender = createOutboxSender({
  outbox,
  transport: createFetchWishTransport(),
  config,
  clock: systemClock,
  log: silentLog,
  version: 'crash-test',
  backoff: { baseMs: 10, capMs: 100, minMs: 1 },
  timeoutMs: 500,
  idlePollMs: 50,
});
sender.start();
process.stdout.write('ready\n');

const pending = () => db.prepare(`SELECT COUNT(*) FROM wish_outbox WHERE state = 'pending'`).pluck().get() as number;

async function chaos(): Promise<void> {
  for (let i = 0; ; i++) {
    const { key } = outbox.save(
      { text: `Crash-Wunsch ${runId}-${i} <b>&amp;</b> 🧶`, language: 'de', contact_consent: i % 2 === 0, ...(i % 2 === 0 ? { contact: { name: 'Test' } } : {}) },
      'crash-kiosk',
    );
    process.stdout.write(`saved ${key}\n`);
    sender.wake();
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 8)));
  }
}

async function drain(): Promise<void> {
  const until = Date.now() + 120_000;
  while (pending() > 0) {
    if (Date.now() > until) {
      console.error(`still pending: ${pending()}`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await sender.stop();
  db.close();
  process.stdout.write('drained\n');
  process.exit(0);
}

void (mode === 'chaos' ? chaos() : drain());
