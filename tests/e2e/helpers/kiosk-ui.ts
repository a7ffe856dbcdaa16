/**
 * Helpers to drive the kiosk UI the way a person does: taps on the real buttons.
 * `tap` waits out the 400 ms double-tap guard, so two deliberate taps at the same spot both count.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const DOUBLE_TAP_GUARD_MS = 450;

/**
 * The renderer's guard (renderer/ui/tap-guard.ts) drops a tap only when it is within 400 ms of the last one AND within
 * 48 px of it. A page that tracks its taps (`trackTaps`) therefore waits only when the next tap is near the last one
 * (here: within 150 px, three times the guard's radius) or the target is not wholly in view; other taps go at once.
 */
const NEAR_LAST_TAP_PX = 150;
const tracked = new WeakSet<Page>();

/** Page side: the spot (clientX/Y) and time (performance.now(), the guard's clock) of the last pointer click. */
const TAP_LOG_SCRIPT = `(() => {
  if (window.__kioskLastTap !== undefined) return;
  window.__kioskLastTap = null;
  window.addEventListener('click', (e) => {
    if (e.detail > 0) window.__kioskLastTap = { x: e.clientX, y: e.clientY, at: performance.now() };
  }, true);
})()`;

/**
 * From now on `tap` and `typeOnScreen` on this page wait out the double-tap guard or the key bounce only where they
 * would otherwise be dropped (see above), instead of a fixed pause after every tap. Call before `page.goto`.
 */
export async function trackTaps(page: Page): Promise<void> {
  await page.addInitScript(TAP_LOG_SCRIPT);
  tracked.add(page);
}

/** Milliseconds left before a tap on `target` can no longer be taken for a repeat of the last tap (0: go now). */
async function guardLeftMs(target: Locator): Promise<number> {
  return target.evaluate(
    (el, { guardMs, nearPx }) => {
      const last = (window as unknown as { __kioskLastTap?: { x: number; y: number; at: number } | null }).__kioskLastTap;
      if (last === undefined) return guardMs; // the log is not installed: assume the worst
      if (last === null) return 0;
      const left = guardMs - (performance.now() - last.at);
      if (left <= 0) return 0;
      const r = el.getBoundingClientRect();
      const inView = r.width >= 1 && r.height >= 1 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
      const far = Math.hypot(r.left + r.width / 2 - last.x, r.top + r.height / 2 - last.y) >= nearPx;
      return inView && far ? 0 : left;
    },
    { guardMs: DOUBLE_TAP_GUARD_MS, nearPx: NEAR_LAST_TAP_PX },
  );
}

export async function tap(target: Locator): Promise<void> {
  const page = target.page();
  if (!tracked.has(page)) {
    await target.click();
    await page.waitForTimeout(DOUBLE_TAP_GUARD_MS);
    return;
  }
  const left = await guardLeftMs(target);
  if (left > 0) await page.waitForTimeout(left);
  await target.click();
}

/** Attract → start screen. */
export async function openStart(page: Page): Promise<void> {
  await page.goto('/');
  await tap(page.getByTestId('attract-touch'));
  await page.getByTestId('screen-start').waitFor();
}

export type Lang = 'de' | 'de-LS' | 'en' | 'tr' | 'uk' | 'ar';
export async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
  await tap(page.getByTestId('bar-language'));
  await tap(page.getByTestId(`lang-${lang}`));
}

export type TextSize = 'normal' | 'large' | 'xlarge';
export async function chooseTextSize(page: Page, size: TextSize): Promise<void> {
  await tap(page.getByTestId('bar-text-size'));
  await tap(page.getByTestId(`size-${size}`));
}

export async function setHighContrast(page: Page, on: boolean): Promise<void> {
  const button = page.getByTestId('bar-contrast');
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await tap(button);
}

/** A person's typing pace on the on-screen keyboard (about five taps a second); its keys are not double-tap guarded. */
export const KEY_PACE_MS = 180;

/**
 * Types on the kiosk's own keyboard, key by key, at a person's pace. On a page that tracks its taps (`trackTaps`)
 * only the same key twice in a row waits that pace (the keyboard drops a repeat of the same key within 80 ms as a
 * bounce); other keys go at once.
 */
export async function typeOnScreen(page: Page, text: string, keyboard = page.getByTestId('osk')): Promise<void> {
  const quick = tracked.has(page);
  let last = '';
  const press = async (key: Locator, id: string) => {
    if (quick && id === last) await page.waitForTimeout(KEY_PACE_MS);
    await key.click();
    if (!quick) await page.waitForTimeout(KEY_PACE_MS);
    last = id;
  };
  for (const ch of text) {
    const id = ch === ' ' ? 'key-space' : `key-${ch}`;
    const key = keyboard.getByTestId(id);
    // digits sit behind the "123" key on letter keyboards
    if (/\d/.test(ch) && (await key.count()) === 0) await press(keyboard.getByTestId('key-digits'), 'key-digits');
    await press(key, id);
  }
}

export const SCREENSHOT_DIR = join(process.cwd(), 'screenshots');

/** Full-window screenshot into screenshots/ (kept out of git). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Start → offers list → the n-th offer; taps "Merken" there and returns the offer's title. */
export async function rememberOffer(page: Page, n: number): Promise<string> {
  await tap(page.getByTestId('bar-start'));
  await tap(page.getByTestId('start-offers'));
  await tap(page.locator('[data-testid^="offer-"].offer-card').nth(n));
  await expect(page.getByTestId('offer-detail')).toBeVisible();
  const title = (await page.getByTestId('offer-detail').locator('h1').textContent()) ?? '';
  const merk = page.getByTestId('detail-remember');
  await expect(merk).toHaveAttribute('aria-pressed', 'false');
  await tap(merk);
  await expect(merk).toHaveAttribute('aria-pressed', 'true');
  return title;
}

/** From the attract screen: Angebote → search `word` on the kiosk keyboard → the offer titled `title`, its detail open. */
export async function openOfferBySearch(page: Page, word: string, title: string): Promise<void> {
  await tap(page.getByTestId('attract-touch'));
  await tap(page.getByTestId('start-offers'));
  await tap(page.getByTestId('offer-search'));
  await typeOnScreen(page, word);
  await tap(page.getByTestId('key-done'));
  await tap(page.getByTestId('offer-list').getByRole('button', { name: new RegExp(`^${title}`) }));
  await expect(page.getByTestId('offer-detail').getByRole('heading', { level: 1 })).toHaveText(title);
}

/** The hidden staff gesture: top left, top right, bottom right, bottom left. */
export async function cornerGesture(page: Page): Promise<void> {
  // The shell (and with it the gesture listener) must be on screen before the taps.
  await expect(page.locator('[data-testid^="screen-"]')).toBeVisible();
  await page.waitForTimeout(300);
  const { width, height } = page.viewportSize()!;
  for (const [x, y] of [
    [8, 8],
    [width - 8, 8],
    [width - 8, height - 8],
    [8, height - 8],
  ] as const) {
    await page.mouse.click(x, y);
    await page.waitForTimeout(150);
  }
}

/** Types a PIN on the staff PIN pad and confirms it. */
export async function enterPin(page: Page, pin: string): Promise<void> {
  for (const d of pin) await page.getByTestId(`pin-key-${d}`).click();
  await page.getByTestId('pin-key-ok').click();
}
