/**
 * A search without result is counted for the city (issues 15/18): once, when the visitor finishes it ("Fertig"), as
 * its normalised word only; never per keystroke, never a search that found something. Read from the kiosk's own
 * database (usage_counters, key `miss:<word>`), which `POST /v1/kiosks/{id}/stats` sends later.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/host';
import { openStart, tap } from './helpers/kiosk-ui';

function missCounters(dataDir: string): Record<string, number> {
  const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT key, sum(n) AS n FROM usage_counters WHERE key LIKE 'miss:%' GROUP BY key").all() as { key: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  } finally {
    db.close();
  }
}

async function typeKeys(page: Page, text: string) {
  for (const ch of text) {
    await page.getByTestId('osk').getByTestId(`key-${ch}`).click();
    await page.waitForTimeout(150);
  }
}

test('an empty search is recorded once when the visitor finishes it, as its word only', async ({ page, host }) => {
  await openStart(page);
  await tap(page.getByTestId('start-offers'));
  await tap(page.getByTestId('offer-search'));
  await typeKeys(page, 'quidditch');
  await expect(page.getByTestId('no-match')).toBeVisible();
  expect(missCounters(host.dataDir), 'nothing while typing').toEqual({});
  await tap(page.getByTestId('key-done'));
  await expect.poll(() => missCounters(host.dataDir)).toEqual({ 'miss:quidditch': 1 });

  // a search that finds something is not a miss
  await tap(page.getByTestId('offer-search'));
  await page.getByTestId('osk').getByTestId('key-clear').click();
  await typeKeys(page, 'garten');
  await expect(page.getByTestId('offer-sample-gemeinschaftsgarten-cecilienstrasse')).toBeVisible();
  await tap(page.getByTestId('key-done'));
  await tap(page.getByTestId('bar-start'));
  await page.getByTestId('screen-start').waitFor();
  expect(missCounters(host.dataDir)).toEqual({ 'miss:quidditch': 1 });
});
