/**
 * Merkliste and invitation printing end to end: browser host with a receipt printer (fake ESC/POS printer on 127.0.0.1).
 */
import { expect, test } from './fixtures/host';
import { openStart, tap, rememberOffer } from './helpers/kiosk-ui';
import { FakeEscposPrinter } from '../fakes/fake-escpos-printer';

test.setTimeout(240_000);

const printerTest = test.extend<{ printer: FakeEscposPrinter }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure
  printer: async ({}, use) => {
    const printer = await FakeEscposPrinter.start();
    await use(printer);
    await printer.close();
  },
  hostOptions: async ({ printer }, use) => {
    await use({
      config: {
        kioskId: 'e2e-print',
        submissionUrl: 'https://www.siegburg.de/angebot-eintragen',
        printer: { transport: 'tcp', host: '127.0.0.1', port: printer.port },
      },
    });
  },
});

printerTest.describe('with a receipt printer', () => {
  printerTest('"Alle drucken" prints the Merkliste on one slip; "Einladung drucken" prints the QR code', async ({ page, printer }) => {
    await openStart(page);
    const first = await rememberOffer(page, 0);
    const second = await rememberOffer(page, 1);
    await tap(page.getByTestId('merk-open'));
    const before = printer.jobs.length;
    await tap(page.getByTestId('merkliste-print'));
    await expect(page.getByTestId('merkliste-print-status')).toContainText('Bitte nehmen Sie Ihren Zettel');
    await printer.waitForJobs(before + 1);
    const slip = printer.jobs[before]!.lines.join('\n');
    expect(slip).toContain(first.slice(0, 20));
    expect(slip).toContain(second.slice(0, 20));

    await tap(page.getByTestId('bar-start'));
    await tap(page.getByTestId('start-clubs'));
    await tap(page.getByTestId('clubs-print'));
    await expect(page.getByTestId('clubs-print-status')).toContainText('Bitte nehmen Sie Ihren Zettel');
    await printer.waitForJobs(before + 2);
    expect(printer.jobs[before + 1]!.qr).toContain('https://www.siegburg.de/angebot-eintragen');
  });
});
