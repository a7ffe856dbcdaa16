import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { chooseLanguage, openOfferBySearch, SCREENSHOT_DIR, tap } from './helpers/kiosk-ui';
import { printerKiosk } from './helpers/printer-kiosk';
import { VISIT_LIMITS } from '../../shared/contract/visit';

/**
 * Per-visitor-session limit on slips (issue 13), end to end: after VISIT_LIMITS.slips slips in one visit the next
 * "Jetzt drucken" shows a friendly message instead of printing (no retry button, the QR code to take the offer on
 * the phone), nothing reaches the printer; the idle reset ends the visit (endVisit), and the next slip prints.
 */

const IDLE = { warnAfterS: 15, countdownS: 5 };

const openKulturcafe = (page: Page) => openOfferBySearch(page, 'cafe', 'Kulturcafé');

/** Prints through the browser host's API, as the print button does (same origin, JSON). */
async function printViaApi(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await page.evaluate(async () => {
      const res = await fetch('/api/printSlip', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'invitation', lang: 'de' }) });
      return (await res.json()) as { ok: boolean };
    });
    expect(r.ok).toBe(true);
  }
}

test.describe('slips per visit', () => {
  const kiosk = printerKiosk();

  test(`the slip after ${VISIT_LIMITS.slips} in one visit is refused kindly; the idle reset ends the visit`, async ({ page }) => {
    test.setTimeout(300_000);
    const { host, printer } = await kiosk.start({ config: { idle: IDLE } });
    const endVisits: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/endVisit') && endVisits.push(r.method()));
    await page.goto(host.baseURL);
    await openKulturcafe(page);
    await tap(page.getByTestId('detail-print'));
    await expect(page.getByTestId('print-go')).toBeVisible();
    await printViaApi(page, VISIT_LIMITS.slips);
    expect(printer.jobs).toHaveLength(VISIT_LIMITS.slips);

    await tap(page.getByTestId('print-go'));
    const error = page.getByTestId('print-error');
    await expect(error).toHaveAttribute('data-reason', 'limit');
    await expect(error).toContainText(`höchstens ${VISIT_LIMITS.slips} Zettel`);
    await expect(page.getByTestId('print-dialog')).toContainText('Genug Zettel für diesen Besuch');
    await expect(page.getByTestId('print-qr')).toBeVisible();
    await expect(page.getByTestId('print-retry')).toHaveCount(0);
    await expect(error).not.toContainText('Personal');
    expect(printer.jobs).toHaveLength(VISIT_LIMITS.slips);
    await tap(page.getByTestId('dialog-close'));

    // the visitor leaves: warning, countdown, reset — which ends the visit on the main side
    expect(endVisits).toEqual([]);
    await expect(page.getByTestId('screen-attract')).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => endVisits).toEqual(['POST']);

    // a new visit may print again (through the API: typing the search once more costs minutes on a busy machine)
    await printViaApi(page, 1);
    expect(printer.jobs).toHaveLength(VISIT_LIMITS.slips + 1);
  });

  test('screenshots of the limit message (1920×1080, 1080×1920; de, ar)', async ({ page }) => {
    test.setTimeout(300_000);
    const dir = join(SCREENSHOT_DIR, '13');
    mkdirSync(dir, { recursive: true });
    // a long idle time: the visit must outlast the four screenshots on a slow machine
    const { host, printer } = await kiosk.start({ config: { idle: { warnAfterS: 600, countdownS: 60 } } });
    await page.goto(host.baseURL);
    await printViaApi(page, VISIT_LIMITS.slips);
    await openKulturcafe(page);
    for (const lang of ['de', 'ar'] as const) {
      if (lang !== 'de') await chooseLanguage(page, lang);
      for (const [w, h] of [
        [1920, 1080],
        [1080, 1920],
      ] as const) {
        await page.setViewportSize({ width: w, height: h });
        await tap(page.getByTestId('detail-print'));
        await tap(page.getByTestId('print-go'));
        await expect(page.getByTestId('print-error')).toHaveAttribute('data-reason', 'limit');
        if (lang === 'ar') await expect(page.getByTestId('print-error')).toContainText('حتى يكفي الورق للجميع');
        await expect(page.getByTestId('print-qr')).toBeVisible();
        await page.screenshot({ path: join(dir, `print-limit-${lang}-${w}x${h}.png`) });
        await tap(page.getByTestId('dialog-close'));
      }
    }
    expect(printer.jobs).toHaveLength(VISIT_LIMITS.slips);
  });
});
