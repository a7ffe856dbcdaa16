/**
 * Wish form end to end: browser host (real SQLite, real HTTP), real Chromium, and a fake city API for
 * POST /v1/wishes on 127.0.0.1 (tests/fakes/fake-wish-api.ts) configured as `cityApi` in kiosk.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test as hostTest, expect } from './fixtures/host';
import { checkA11y, checkTargets } from './helpers/a11y';
import { chooseLanguage, chooseTextSize, openStart, screenshot, setHighContrast, tap, typeOnScreen } from './helpers/kiosk-ui';
import { startFakeWishApi, type FakeWishApi } from '../fakes/fake-wish-api';

const test = hostTest.extend<{ wishApi: FakeWishApi }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure
  wishApi: async ({}, use) => {
    const api = await startFakeWishApi({ token: 'e2e-token' });
    await use(api);
    await api.close();
  },
  hostOptions: async ({ wishApi }, use) => {
    await use({
      config: {
        kioskId: 'e2e-kiosk',
        cityApi: { baseUrl: wishApi.baseUrl, token: wishApi.token },
        submissionUrl: 'https://www.siegburg.de/angebot-eintragen',
      },
    });
  },
});

async function openWish(page: Page) {
  await openStart(page);
  await tap(page.getByTestId('start-wish'));
  await expect(page.getByTestId('wish-form')).toHaveAttribute('data-step', '1');
}


const step = (page: Page, n: number) => expect(page.getByTestId('wish-form')).toHaveAttribute('data-step', String(n));

async function waitForStored(api: FakeWishApi, n: number) {
  await expect.poll(() => api.stored.size, { timeout: 20_000 }).toBe(n);
}

/** Every byte of the kiosk database files (main file and write-ahead log). */
function databaseBytes(dataDir: string): string {
  return ['kiosk.sqlite', 'kiosk.sqlite-wal']
    .map((f) => join(dataDir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1') + readFileSync(f).toString('utf8'))
    .join('\n');
}

function outboxRows(dataDir: string) {
  const db = new Database(join(dataDir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT key, body_json, contact_json, state FROM wish_outbox').all() as {
      key: string;
      body_json: string;
      contact_json: string | null;
      state: string;
    }[];
  } finally {
    db.close();
  }
}

test.describe('wish form', () => {
  test.setTimeout(180_000);
  test('a wish typed only by taps on the on-screen keyboard reaches the city API with the right fields', async ({ page, wishApi, host }) => {
    await openWish(page);
    await tap(page.getByTestId('wish-next'));
    await expect(page.getByTestId('wish-problem')).toBeVisible(); // empty: a friendly word, still step 1
    await step(page, 1);
    await typeOnScreen(page, 'boule am see');
    // the first letter of a free text is capitalised, as on phones
    await expect(page.getByTestId('wish-text')).toHaveValue('Boule am see');
    await expect(page.getByTestId('wish-counter')).toContainText('12 von 1000 Zeichen');
    await tap(page.getByTestId('wish-next'));
    await step(page, 2);
    await tap(page.getByTestId('wish-skip'));
    await step(page, 3);
    await tap(page.getByTestId('wish-skip'));
    await step(page, 4);
    await expect(page.getByTestId('wish-consent')).toContainText('nur, um Ihnen auf diesen Wunsch zu antworten');
    await tap(page.getByTestId('wish-consent-yes'));
    // the phone field is active first; digits are on the keyboard
    await typeOnScreen(page, '02241 123');
    await tap(page.getByTestId('wish-contact-name'));
    await typeOnScreen(page, 'erika');
    await expect(page.getByTestId('wish-contact-phone')).toHaveValue('02241 123');
    await expect(page.getByTestId('wish-contact-name')).toHaveValue('Erika');
    await tap(page.getByTestId('wish-next'));
    await step(page, 5);
    await expect(page.getByTestId('wish-summary-text')).toHaveText('Boule am see');
    await expect(page.getByTestId('wish-summary-contact')).toContainText('02241 123');
    await tap(page.getByTestId('wish-next'));
    await expect(page.getByTestId('wish-sent')).toBeVisible();
    await expect(page.getByTestId('wish-sent')).toContainText('Die Stadt meldet sich bei Ihnen');

    await waitForStored(wishApi, 1);
    const [wish] = [...wishApi.stored.values()];
    expect(wish!.body).toMatchObject({
      text: 'Boule am see',
      language: 'de',
      kiosk_id: 'e2e-kiosk',
      contact_consent: true,
      contact: { name: 'Erika', phone: '02241 123' },
    });
    expect(wish!.body).not.toHaveProperty('interests');
    expect(wish!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(wish!.headers.authorization).toBe('Bearer e2e-token');
    expect(wish!.headers['user-agent']).toMatch(/^gemeinsam-kiosk\//);
    // delivered: the kiosk deleted the contact data
    await expect.poll(() => outboxRows(host.dataDir).map((r) => [r.state, r.contact_json])).toEqual([['delivered', null]]);
    // the form forgot it: a new wish starts empty
    await tap(page.getByTestId('wish-again'));
    await expect(page.getByTestId('wish-text')).toHaveValue('');
  });

  test('contact typed but consent withdrawn: no contact data is sent or stored', async ({ page, wishApi, host }) => {
    await openWish(page);
    await typeOnScreen(page, 'tanzen');
    await tap(page.getByTestId('wish-next'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-consent-yes'));
    await typeOnScreen(page, '0170 99887');
    await tap(page.getByTestId('wish-contact-email'));
    await typeOnScreen(page, 'erika');
    await tap(page.getByTestId('wish-key-@'));
    // an address that cannot be one: said in plain words, nothing typed is lost
    await tap(page.getByTestId('wish-next'));
    await expect(page.getByTestId('wish-problem').first()).toContainText('E-Mail-Adresse kann so nicht stimmen');
    await expect(page.getByTestId('wish-contact-email')).toHaveValue('erika@');
    await typeOnScreen(page, 'geheim');
    await tap(page.getByTestId('wish-key-.de'));
    await expect(page.getByTestId('wish-contact-email')).toHaveValue('erika@geheim.de');
    // now the person changes their mind
    await tap(page.getByTestId('wish-consent-withdraw'));
    await step(page, 5);
    await expect(page.getByTestId('wish-summary-contact')).toContainText('Ohne Antwort');
    await expect(page.getByTestId('wish-summary-contact')).not.toContainText('erika');
    await tap(page.getByTestId('wish-summary-contact-change'));
    await step(page, 4);
    await expect(page.getByTestId('wish-contact-withdrawn')).toBeVisible();
    await tap(page.getByTestId('wish-consent-no'));
    await step(page, 5);
    await tap(page.getByTestId('wish-next'));
    await expect(page.getByTestId('wish-sent')).toContainText('keine persönliche Antwort');

    await waitForStored(wishApi, 1);
    const [wish] = [...wishApi.stored.values()];
    expect(wish!.body).toMatchObject({ text: 'Tanzen', contact_consent: false });
    expect(wish!.body).not.toHaveProperty('contact');
    for (const secret of ['99887', 'erika', 'geheim.de']) expect(wish!.raw).not.toContain(secret);
    // not in the database either (rows, main file and write-ahead log)
    const rows = outboxRows(host.dataDir);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.contact_json).toBeNull();
    const bytes = databaseBytes(host.dataDir);
    for (const secret of ['99887', 'erika@', 'geheim.de']) expect(bytes).not.toContain(secret);
  });

  test('markup, script, emoji, right-to-left and very long text are sent verbatim and shown inert', async ({ page, wishApi }) => {
    const nasty = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> &amp; <b>fett</b> 🧶👵🏽 نريد مقهى للمسنين "quotes" 'single'`;
    await openWish(page);
    const text = page.getByTestId('wish-text');
    // too long: the counter and a friendly word, and the text stays as it was
    const long = `${'x'.repeat(995)} 🧶 ende`;
    await text.fill(long);
    await expect(page.getByTestId('wish-problem')).toContainText('Der Text ist zu lang');
    await expect(text).toHaveValue(long);
    await tap(page.getByTestId('wish-next'));
    await step(page, 1);
    await text.fill(nasty);
    await expect(page.getByTestId('wish-problem')).toHaveCount(0);
    await tap(page.getByTestId('wish-next'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-consent-no'));
    await step(page, 5);
    const shown = page.getByTestId('wish-summary-text');
    await expect(shown).toHaveText(nasty);
    expect(await shown.locator('script, img, b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await tap(page.getByTestId('wish-next'));
    await expect(page.getByTestId('wish-sent')).toBeVisible();
    await waitForStored(wishApi, 1);
    expect([...wishApi.stored.values()][0]!.body.text).toBe(nasty);

    // exactly 1000 characters (emoji count as one) are accepted and arrive unchanged
    const max = `${'ü'.repeat(997)}🧶🧶🧶`;
    await tap(page.getByTestId('wish-again'));
    await text.fill(max);
    await expect(page.getByTestId('wish-counter')).toContainText('1000 von 1000');
    await tap(page.getByTestId('wish-next'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-consent-no'));
    await tap(page.getByTestId('wish-next'));
    await waitForStored(wishApi, 2);
    expect([...wishApi.stored.values()].map((w) => w.body.text)).toContain(max);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });

  test('the outbox status for staff counts the delivered wish and holds no wish text', async ({ page, wishApi }) => {
    await openWish(page);
    await typeOnScreen(page, 'kino');
    await tap(page.getByTestId('wish-next'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-consent-no'));
    await tap(page.getByTestId('wish-next'));
    await waitForStored(wishApi, 1);
    await expect
      .poll(async () => (await (await page.request.post('/api/getOutboxStatus', { data: {} })).json()).value.delivered)
      .toBe(1);
    const status = await (await page.request.post('/api/getOutboxStatus', { data: {} })).json();
    expect(status.value).toMatchObject({ pending: 0, delivered: 1, rejected: 0, lastError: null, waitingReason: null });
    expect(JSON.stringify(status)).not.toContain('kino');
  });
});

test.describe('wish form, clubs and Merkliste screens', () => {
  // many steps with the 450 ms double-tap pause between taps, on a shared machine
  test.setTimeout(300_000);
  for (const [w, h] of [
    [1920, 1080],
    [1080, 1920],
  ] as const) {
    for (const lang of ['de', 'ar'] as const) {
      test(`screenshots and accessibility at ${w}×${h} in ${lang}`, async ({ page }) => {
        await page.setViewportSize({ width: w, height: h });
        const name = (s: string) => `wish-${s}-${lang}-${w}x${h}`;
        await openStart(page);
        if (lang !== 'de') await chooseLanguage(page, lang);
        await tap(page.getByTestId('start-wish'));
        await typeOnScreen(page, lang === 'ar' ? 'مقهى' : 'boule');
        await screenshot(page, name('1-text'));
        await checkA11y(page, `wish step 1 ${lang} ${w}x${h}`);
        await tap(page.getByTestId('wish-next'));
        await screenshot(page, name('2-age'));
        await tap(page.getByTestId('wish-skip'));
        await tap(page.getByTestId('wish-skip'));
        await screenshot(page, name('4-consent'));
        await checkA11y(page, `wish consent ${lang} ${w}x${h}`);
        await tap(page.getByTestId('wish-consent-yes'));
        await typeOnScreen(page, '0123');
        await screenshot(page, name('4-contact'));
        await checkA11y(page, `wish contact ${lang} ${w}x${h}`);
        await tap(page.getByTestId('wish-next'));
        await screenshot(page, name('5-summary'));
        await checkA11y(page, `wish summary ${lang} ${w}x${h}`);
        await tap(page.getByTestId('wish-next'));
        await expect(page.getByTestId('wish-sent')).toBeVisible();
        await screenshot(page, name('6-sent'));
        await checkA11y(page, `wish sent ${lang} ${w}x${h}`);

        await tap(page.getByTestId('wish-home'));
        await tap(page.getByTestId('start-clubs'));
        await expect(page.getByTestId('clubs')).toBeVisible();
        await screenshot(page, `clubs-${lang}-${w}x${h}`);
        await checkA11y(page, `clubs ${lang} ${w}x${h}`);
      });
    }
  }

  test('extra large text and high contrast: nothing clipped, targets big enough, no axe findings', async ({ page }) => {
    await openStart(page);
    await chooseTextSize(page, 'xlarge');
    await setHighContrast(page, true);
    await tap(page.getByTestId('start-wish'));
    await typeOnScreen(page, 'chor');
    await screenshot(page, 'wish-1-text-de-xlarge-contrast-1920x1080');
    await checkA11y(page, 'wish step 1 xlarge high contrast');
    await tap(page.getByTestId('wish-next'));
    await tap(page.getByTestId('wish-skip'));
    await tap(page.getByTestId('wish-skip'));
    await checkTargets(page, {}, 'wish consent xlarge');
    await screenshot(page, 'wish-4-consent-de-xlarge-contrast-1920x1080');
    await tap(page.getByTestId('wish-consent-no'));
    await checkTargets(page, {}, 'wish summary xlarge');
    await checkA11y(page, 'wish summary xlarge high contrast');
    await screenshot(page, 'wish-5-summary-de-xlarge-contrast-1920x1080');
  });
});

test.describe('sample mode (no city API configured)', () => {
  test.use({ hostOptions: { config: { kioskId: 'e2e-sample' } } });
  test.setTimeout(180_000);

  test('a wish made only of tapped choices waits in the outbox until a city API is configured', async ({ page, host }) => {
    await openWish(page);
    const topic = page.locator('[data-testid^="wish-topic-"]').first();
    const topicId = ((await topic.getAttribute('data-testid')) ?? '').replace('wish-topic-', '');
    const topicLabel = ((await topic.textContent()) ?? '').trim();
    await tap(topic);
    await expect(topic).toHaveAttribute('aria-pressed', 'true');
    await tap(page.getByTestId('wish-next'));
    await step(page, 2);
    const age = page.locator('[data-testid^="wish-age_groups-"]').first();
    const ageId = ((await age.getAttribute('data-testid')) ?? '').replace('wish-age_groups-', '');
    await tap(age);
    await tap(page.getByTestId('wish-next'));
    const district = page.locator('[data-testid^="wish-districts-"]').first();
    const districtId = ((await district.getAttribute('data-testid')) ?? '').replace('wish-districts-', '');
    await tap(district);
    await tap(page.getByTestId('wish-next'));
    await tap(page.getByTestId('wish-consent-no'));
    await step(page, 5);
    await expect(page.getByTestId('wish-summary-topics')).toContainText(topicLabel);
    await tap(page.getByTestId('wish-next'));
    await expect(page.getByTestId('wish-sent')).toBeVisible();

    const status = await (await page.request.post('/api/getOutboxStatus', { data: {} })).json();
    expect(status.value).toMatchObject({ pending: 1, delivered: 0, waitingReason: 'no_city_api' });
    const rows = outboxRows(host.dataDir);
    expect(rows.map((r) => r.state)).toEqual(['pending']);
    const body = JSON.parse(rows[0]!.body_json);
    expect(body).toMatchObject({ interests: [topicId], age_group: ageId, district: districtId, contact_consent: false, kiosk_id: 'e2e-sample' });
    expect(body.text.length).toBeGreaterThan(0);
  });
});

