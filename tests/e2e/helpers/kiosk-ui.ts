/**
 * Helpers to drive the kiosk UI the way a person does: taps on the real buttons.
 * `tap` waits out the 400 ms double-tap guard, so two deliberate taps at the same spot both count.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export const DOUBLE_TAP_GUARD_MS = 450;

export async function tap(target: Locator): Promise<void> {
  await target.click();
  await target.page().waitForTimeout(DOUBLE_TAP_GUARD_MS);
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

/** Types on the kiosk's own keyboard, key by key, at a person's pace. */
export async function typeOnScreen(page: Page, text: string, keyboard = page.getByTestId('osk')): Promise<void> {
  for (const ch of text) {
    const key = keyboard.getByTestId(ch === ' ' ? 'key-space' : `key-${ch}`);
    // digits sit behind the "123" key on letter keyboards
    if (/\d/.test(ch) && (await key.count()) === 0) {
      await keyboard.getByTestId('key-digits').click();
      await page.waitForTimeout(KEY_PACE_MS);
    }
    await key.click();
    await page.waitForTimeout(KEY_PACE_MS);
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
