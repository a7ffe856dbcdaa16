import { test, expect, type Page } from '@playwright/test';
import { chooseLanguage, openOfferBySearch, screenshot, tap } from './helpers/kiosk-ui';
import { printerKiosk } from './helpers/printer-kiosk';
import { closedPort, type FakePrinterMode } from '../fakes/fake-escpos-printer';

/**
 * Printing end to end: browser host with kiosk.json pointing at a fake ESC/POS printer on 127.0.0.1.
 * Each printer problem must show its plain-words message within 3 s of tapping "Jetzt drucken",
 * offer the QR code instead, and leave the kiosk usable.
 */

const PLACE = { place: 'Stadtbibliothek Siegburg' };

/** Start → Angebote → search "cafe" → Kulturcafé detail. */
async function openKulturcafe(page: Page, baseURL: string): Promise<void> {
  await page.goto(baseURL);
  await openOfferBySearch(page, 'cafe', 'Kulturcafé');
}

async function openPreview(page: Page): Promise<void> {
  await tap(page.getByTestId('detail-print'));
  const dialog = page.getByTestId('print-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('print-preview')).toContainText('Kulturcafé');
}

test.describe('printing an offer slip', () => {
  const kiosk = printerKiosk();

  test('preview, then print: the slip reaches the printer with the offer, the QR code and a cut', async ({ page }) => {
    const { host, printer } = await kiosk.start({ mode: 'ok', config: PLACE });
    await openKulturcafe(page, host.baseURL);
    await openPreview(page);
    const preview = page.getByTestId('print-preview');
    await expect(preview).toContainText('Beispieldaten'.toUpperCase());
    await expect(preview).toContainText('Gedruckt am');
    await tap(page.getByTestId('print-go'));
    await expect(page.getByTestId('print-done')).toContainText('Bitte nehmen Sie Ihren Zettel aus dem Drucker', { timeout: 3000 });
    await printer.waitForJobs(1);
    const job = printer.jobs[0]!;
    expect(job.lines[0]).toBe('Kulturcafé');
    expect(job.cut).toBe(true);
    expect(job.codePages.every((p) => p === 19)).toBe(true);
    await tap(page.getByTestId('dialog-close'));
    await expect(page.getByTestId('print-dialog')).toHaveCount(0);
  });

  const problems: { name: string; mode: FakePrinterMode | 'refused'; message: RegExp }[] = [
    { name: 'paper out', mode: 'paper_out', message: /Im Drucker ist kein Papier mehr\. Bitte sagen Sie dem Personal Bescheid\./ },
    { name: 'cover open', mode: 'cover_open', message: /Die Klappe am Drucker ist offen\. Bitte sagen Sie dem Personal Bescheid\./ },
    { name: 'printer silent (no reply in 2 s)', mode: 'silent', message: /Der Drucker antwortet gerade nicht\./ },
    { name: 'connection refused', mode: 'refused', message: /Der Drucker ist gerade nicht erreichbar/ },
  ];

  for (const p of problems) {
    test(`${p.name}: plain words within 3 s, QR code instead, kiosk stays usable`, async ({ page }) => {
      const { host, printer } = p.mode === 'refused' ? await kiosk.start({ port: await closedPort(), config: PLACE }) : await kiosk.start({ mode: p.mode, config: PLACE });
      await openKulturcafe(page, host.baseURL);
      await openPreview(page);
      await page.getByTestId('print-go').click();
      // the problem in plain words within 3 s of the tap
      const error = page.getByTestId('print-error');
      await expect(error).toContainText(p.message, { timeout: 3000 });
      // the sample offers have no web page: the QR code carries the slip's text instead
      await expect(error.getByTestId('print-qr')).toBeVisible();
      await expect(error.getByTestId('print-qr')).toHaveAttribute('data-qr-kind', 'text');
      await expect(error).not.toContainText(/paper_out|cover_open|timeout|offline|printer_error/);
      if (printer) expect(printer.jobs.filter((j) => j.lines.length > 0)).toHaveLength(0);
      // still responsive: close the dialog, go back, use the bar
      await tap(page.getByTestId('dialog-close'));
      await expect(page.getByTestId('print-dialog')).toHaveCount(0);
      await tap(page.getByTestId('bar-back'));
      await expect(page.getByTestId('offer-list')).toBeVisible();
      await tap(page.getByTestId('bar-start'));
      await expect(page.getByTestId('screen-start')).toBeVisible();
    });
  }

  test('screenshots of the preview and the error dialog (1920×1080, 1080×1920; de, ar)', async ({ page }) => {
    test.setTimeout(180_000);
    const { host } = await kiosk.start({ mode: 'paper_out', config: PLACE });
    for (const [w, h] of [
      [1920, 1080],
      [1080, 1920],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      for (const lang of ['de', 'ar'] as const) {
        await openKulturcafe(page, host.baseURL);
        if (lang !== 'de') await chooseLanguage(page, lang);
        await openPreview(page);
        if (lang === 'ar') {
          await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
          await expect(page.getByTestId('print-dialog')).toContainText('الطابعة تطبع الحروف اللاتينية فقط');
        }
        await screenshot(page, `print-preview-${lang}-${w}x${h}`);
        await tap(page.getByTestId('print-go'));
        await expect(page.getByTestId('print-qr')).toBeVisible({ timeout: 3000 });
        await screenshot(page, `print-error-${lang}-${w}x${h}`);
        await tap(page.getByTestId('dialog-close'));
      }
    }
  });
});
