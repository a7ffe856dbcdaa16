import { test } from '@playwright/test';
import { startHost, type StartedHost } from '../fixtures/host';
import { FakeEscposPrinter, type FakePrinterMode } from '../../fakes/fake-escpos-printer';

type MoreConfig = Record<string, unknown>;
export interface PrinterKiosk {
  /** Prints to this port instead of a fake printer (e.g. a closed one). `config`: more of kiosk.json. */
  start(opts: { port: number; config?: MoreConfig }): Promise<{ host: StartedHost; printer: null }>;
  /** A fake printer in this mode (default: ok). `config`: more of kiosk.json. */
  start(opts?: { mode?: FakePrinterMode; config?: MoreConfig }): Promise<{ host: StartedHost; printer: FakeEscposPrinter }>;
}

/**
 * A fake ESC/POS printer on 127.0.0.1 and a browser host whose kiosk.json prints to it, for the tests of the
 * describe block that calls this: both are stopped after each test (also when it failed).
 */
export function printerKiosk(): PrinterKiosk {
  let printer: FakeEscposPrinter | null = null;
  let host: StartedHost | null = null;
  test.afterEach(async () => {
    await host?.stop();
    await printer?.close();
    host = null;
    printer = null;
  });
  return {
    async start(opts: { port?: number; mode?: FakePrinterMode; config?: MoreConfig } = {}) {
      if (opts.port === undefined) printer = await FakeEscposPrinter.start(opts.mode ? { mode: opts.mode } : {});
      const port = opts.port ?? printer!.port;
      host = await startHost({ config: { ...opts.config, printer: { transport: 'tcp', host: '127.0.0.1', port, charsPerLine: 42 } } });
      return { host, printer };
    },
  } as PrinterKiosk;
}
