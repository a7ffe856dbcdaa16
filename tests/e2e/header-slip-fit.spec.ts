/**
 * Issue 16 screenshots: nothing is cut off in the two places where the text size and the language make text longest.
 * - The header: title and clock stay inside the screen at extra large text in both orientations and all six
 *   languages, on the day with the longest date ("Donnerstag, 24. September um 10:30"); before the fix Leichte
 *   Sprache in portrait made the header 1100 px wide, the shell with it, and the body cut off its right 20 px. Nothing in it is smaller than 24 px.
 * - The print preview: the dashed tear edge of the slip box never runs through a line of text, neither on the
 *   first view nor after scrolling the slip (a printer configured: the 46 % box; none: the 22 % box beside the QR code).
 * Screenshots in screenshots/16/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/host';
import { chooseLanguage, chooseTextSize, openStart, SCREENSHOT_DIR, screenshot, tap, type Lang } from './helpers/kiosk-ui';

const VIEWPORTS = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
] as const;
const LANGS: Lang[] = ['de', 'de-LS', 'en', 'tr', 'uk', 'ar'];
/** A Thursday in September: the longest weekday and month in German (10:30 in Siegburg). */
const LONGEST_DATE = new Date('2026-09-24T08:30:00Z');

/** Header parts that stick out of the screen or the header, overlap each other, or are smaller than 24 px. */
async function headerProblems(page: Page): Promise<string[]> {
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate(() => {
    const problems: string[] = [];
    const header = document.querySelector('.shell-header') as HTMLElement;
    const hb = header.getBoundingClientRect();
    if (header.scrollWidth > header.clientWidth + 1) problems.push(`header scrolls: ${header.scrollWidth} > ${header.clientWidth}`);
    // A header wider than the window widens the whole shell, whose right part the body then cuts off.
    if (hb.left < -0.5 || hb.right > window.innerWidth + 0.5) problems.push(`header ${Math.round(hb.left)}..${Math.round(hb.right)} wider than the screen (${window.innerWidth})`);
    const pad = parseFloat(getComputedStyle(header).paddingInlineStart);
    const boxes: { sel: string; r: DOMRect }[] = [];
    for (const sel of ['.shell-title', '.shell-clock']) {
      const el = header.querySelector(sel) as HTMLElement;
      const r = el.getBoundingClientRect();
      boxes.push({ sel, r });
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5) problems.push(`${sel} off the screen: ${Math.round(r.left)}..${Math.round(r.right)} of ${window.innerWidth}`);
      if (r.left < hb.left + pad - 0.5 || r.right > hb.right - pad + 0.5 || r.top < hb.top - 0.5 || r.bottom > hb.bottom + 0.5) problems.push(`${sel} outside the header's padding box`);
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`${sel} cut: ${el.scrollWidth} > ${el.clientWidth}`);
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 24) problems.push(`${sel} ${size} px`);
    }
    const [a, b] = boxes;
    if (a && b && a.r.left < b.r.right - 0.5 && b.r.left < a.r.right - 0.5 && a.r.top < b.r.bottom - 0.5 && b.r.top < a.r.bottom - 0.5) problems.push('title and clock overlap');
    return problems;
  });
}

/**
 * Text lines of the slip that the tear edge (the box's lower border) runs through. A line's box is its line-height
 * around the centre of its glyph box (glyph boxes of Arabic fonts are taller than the line).
 */
async function linesCutByTearEdge(page: Page): Promise<string[]> {
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate(() => {
    const slip = document.querySelector('[data-testid=print-preview]') as HTMLElement;
    const style = getComputedStyle(slip);
    const edge = slip.getBoundingClientRect().bottom - parseFloat(style.borderBottomWidth);
    const cut: string[] = [];
    for (const p of Array.from(slip.querySelectorAll('p'))) {
      const range = document.createRange();
      range.selectNodeContents(p);
      const half = parseFloat(getComputedStyle(p).lineHeight) / 2;
      for (const r of Array.from(range.getClientRects())) {
        const mid = (r.top + r.bottom) / 2;
        if (mid - half < edge - 1 && mid + half > edge + 1) cut.push(`"${(p.textContent ?? '').slice(0, 30)}" ${Math.round(mid - half)}..${Math.round(mid + half)} (edge ${Math.round(edge)})`);
      }
    }
    return cut;
  });
}

/** Scrolls the slip by about one wheel notch and waits until its scroll (and the snap after it) has ended. */
async function scrollSlip(page: Page): Promise<void> {
  const slip = page.getByTestId('print-preview');
  // Beside the QR code in landscape the slip can sit below the dialog's fold: the wheel must turn over it.
  await slip.scrollIntoViewIfNeeded();
  // Resolves when the slip's scroll (and its snap) has ended; if it never scrolls, after 10 s with scrollTop 0.
  const ended = slip.evaluate(
    (el) =>
      new Promise<number>((resolve) => {
        el.addEventListener('scrollend', () => resolve(el.scrollTop), { once: true });
        setTimeout(() => resolve(el.scrollTop), 10_000);
      }),
  );
  const box = await slip.boundingBox();
  if (!box) throw new Error('no slip box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 150);
  expect(await ended, 'the slip scrolled').toBeGreaterThan(0);
}

async function look(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  mkdirSync(join(SCREENSHOT_DIR, '16'), { recursive: true });
  await screenshot(page, `16/${name}`);
}

async function openPrintPreview(page: Page): Promise<void> {
  await tap(page.getByTestId('start-offers'));
  await tap(page.locator('[data-testid^="offer-"].offer-card').first());
  await tap(page.getByTestId('detail-print'));
  await expect(page.getByTestId('print-dialog').getByTestId('print-preview')).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
}

async function checkSlip(page: Page, name: string): Promise<void> {
  const slip = page.getByTestId('print-preview');
  // The sample offer's slip is longer than its box: it must scroll, else there is no edge to test.
  expect(await slip.evaluate((el) => el.scrollHeight > el.clientHeight + 10), 'slip longer than its box').toBe(true);
  await look(page, name);
  expect(await linesCutByTearEdge(page), `tear edge cuts a line ${name}`).toEqual([]);
  await scrollSlip(page);
  expect(await linesCutByTearEdge(page), `tear edge cuts a line after scrolling ${name}`).toEqual([]);
}

test.describe('with a printer (print preview)', () => {
  // A printer that is never reached: the tests stop at the preview.
  test.use({ hostOptions: { config: { printer: { transport: 'tcp', host: '127.0.0.1', port: 9, charsPerLine: 42 } } } });
  for (const vp of VIEWPORTS) {
    for (const lang of LANGS) {
      const tag = `${lang}-xlarge-${vp.name}`;
      test(`header and slip fit: ${tag}`, async ({ page }) => {
        test.setTimeout(300_000);
        await page.clock.setFixedTime(LONGEST_DATE);
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await openStart(page);
        if (lang !== 'de') await chooseLanguage(page, lang);
        await chooseTextSize(page, 'xlarge');
        await look(page, `header-${tag}`);
        expect(await headerProblems(page), `header ${tag}`).toEqual([]);
        await openPrintPreview(page);
        await checkSlip(page, `slip-preview-${tag}`);
      });
    }
  }
});

for (const vp of VIEWPORTS) {
  test(`slip beside the QR code (no printer) fits: ar-xlarge-${vp.name}`, async ({ page }) => {
    test.setTimeout(300_000);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await openStart(page);
    await chooseLanguage(page, 'ar');
    await chooseTextSize(page, 'xlarge');
    await openPrintPreview(page);
    await expect(page.getByTestId('print-error')).toBeVisible();
    await checkSlip(page, `slip-no-printer-ar-xlarge-${vp.name}`);
  });
}
