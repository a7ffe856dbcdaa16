import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConfigStore } from '../electron/services/config/config-store';
import { openDatabase } from '../electron/services/db/open-database';
import { silentLog } from '../electron/services/log';
import { importSampleDataIfEmpty } from '../electron/services/seed/sample-import';
import { defaultPrintingAdapters } from '../electron/services/printer/printing-adapters';
import { createPrintingFeature } from '../electron/services/printer/printing-feature';
import { printerErrorReason } from '../shared/contract/printing';
import { systemClock } from '../shared/logic/clock';
import { kioskConfigSchema } from '../shared/schemas/kiosk-config';
import { connect } from 'node:net';
import receiptline from 'receiptline';
import { closedPort, FakeEscposPrinter, type DecodedJob, type FakePrinterMode } from '../tests/fakes/fake-escpos-printer';
import type { Bench } from './benches';

const GOAL_ERROR_MS = 3000; // the UI must explain a printer problem within 3 s
const GOAL_PRINT_MS = 500; // a slip to a healthy network printer

/** Time from "print" to the answer: a printed slip, and each printer problem (fake Epson printer on 127.0.0.1). */
export const printBench: Bench = {
  name: 'print',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'print-bench-'));
    const printer = await FakeEscposPrinter.start();
    const config = kioskConfigSchema.parse({ printer: { transport: 'tcp', host: '127.0.0.1', port: printer.port, charsPerLine: 48 } });
    const db = openDatabase({ file: join(dir, 'kiosk.sqlite') });
    importSampleDataIfEmpty(db, config);
    const store = createConfigStore(config);
    const { handlers } = createPrintingFeature({ db, config: store, dataDir: dir, clock: systemClock, log: silentLog, version: 'bench' }, defaultPrintingAdapters());
    const ids = db.prepare("SELECT id FROM offers WHERE status = 'active' ORDER BY id LIMIT 5").pluck().all() as string[];
    const ctx = { transport: 'http' as const };
    try {
      const times: number[] = [];
      for (const id of ids) {
        const t0 = performance.now();
        await handlers.printSlip({ kind: 'offer', ids: [id], lang: 'de' }, ctx);
        times.push(performance.now() - t0);
      }
      const worst = Math.max(...times);
      console.log(`offer slip printed (5 slips): worst ${worst.toFixed(0)} ms — ${worst <= GOAL_PRINT_MS ? 'OK' : 'MISSED'} (goal < ${GOAL_PRINT_MS} ms)`);
      // Baseline, same run: receiptline alone — the same printed lines (and QR) as receiptline markup, transformed to
      // ESC/POS and written on a fresh TCP connection to the same printer, without the kiosk's database read, layout,
      // status checks and timeouts. What the kiosk adds on top is the difference.
      const printed = printer.jobs.slice(-ids.length);
      const base: number[] = [];
      for (const job of printed) {
        const t0 = performance.now();
        await rawReceiptline(job, printer);
        base.push(performance.now() - t0);
      }
      console.log(`baseline, receiptline alone + raw TCP write of the same 5 slips: worst ${Math.max(...base).toFixed(0)} ms`);
      const t1 = performance.now();
      await handlers.printSlip({ kind: 'merkliste', ids, lang: 'de' }, ctx);
      console.log(`Merkliste slip with 5 offers: ${(performance.now() - t1).toFixed(0)} ms`);

      const modes: (FakePrinterMode | 'refused')[] = ['paper_out', 'cover_open', 'silent', 'refused'];
      for (const mode of modes) {
        if (mode === 'refused') store.set({ ...config, printer: { transport: 'tcp', host: '127.0.0.1', port: await closedPort(), charsPerLine: 48 } });
        else printer.mode = mode;
        const t0 = performance.now();
        const reason = await handlers.printSlip({ kind: 'offer', ids: [ids[0]!], lang: 'de' }, ctx).then(
          () => 'printed?!',
          (e: unknown) => printerErrorReason(e),
        );
        const ms = performance.now() - t0;
        console.log(`${mode.padEnd(10)} → ${String(reason).padEnd(10)} in ${ms.toFixed(0)} ms — ${ms <= GOAL_ERROR_MS ? 'OK' : 'MISSED'} (goal < ${GOAL_ERROR_MS} ms)`);
      }
    } finally {
      db.close();
      await printer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** receiptline markup of a decoded job's lines (and its QR code), transformed and sent raw; resolves when the printer has the job. */
async function rawReceiptline(job: DecodedJob, printer: FakeEscposPrinter): Promise<void> {
  const escape = (l: string) => l.replace(/[\\|{}~_"`^]/g, (c) => `\\${c}`);
  const doc = [...job.lines.map(escape), ...job.qr.map((q) => `{code:${q}; option:qrcode,4,m}`), '=', ''].join('\n');
  const bytes = receiptline.transform(doc, { cpl: 48, encoding: 'multilingual', command: 'escpos' });
  const before = printer.jobs.length;
  await new Promise<void>((resolve, reject) => {
    const socket = connect(printer.port, '127.0.0.1', () => socket.end(Buffer.from(bytes, 'binary')));
    socket.on('error', reject);
    socket.on('close', () => resolve());
  });
  await printer.waitForJobs(before + 1);
}
