import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, PROJECT_ROOT, test } from './fixtures/host';
import { checkA11y, checkTargets } from './helpers/a11y';
import { cornerGesture, enterPin } from './helpers/kiosk-ui';


const SETUP_PIN = '246810';
const SHOTS = join(PROJECT_ROOT, 'screenshots');

test.describe('staff screen', () => {
  test.use({ hostOptions: { config: { kioskId: 'rathaus-foyer', place: 'Rathaus Siegburg, Foyer' } } });

  test('opens with the corner gesture and the setup PIN, shows the kiosk, and leaving returns to attract', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('screen-attract')).toBeVisible();
    await cornerGesture(page);
    await expect(page.getByTestId('staff-screen')).toBeVisible();
    await expect(page.getByTestId('pin-pad')).toBeVisible();
    await enterPin(page, SETUP_PIN);
    await expect(page.getByTestId('staff-kiosk-id')).toHaveText('rathaus-foyer');
    await expect(page.getByTestId('staff-version')).not.toBeEmpty();
    await expect(page.getByTestId('staff-setup-pin')).toBeVisible(); // asks to change the setup PIN
    await page.getByTestId('staff-leave').last().click();
    await expect(page.getByTestId('screen-attract')).toBeVisible();
  });

  test('the corners in the wrong order do not open it', async ({ page }) => {
    await page.goto('/');
    const { width, height } = page.viewportSize()!;
    for (const [x, y] of [
      [8, 8],
      [8, height - 8],
      [width - 8, height - 8],
      [width - 8, 8],
    ] as const) {
      await page.mouse.click(x, y);
      await page.waitForTimeout(150);
    }
    await expect(page.getByTestId('staff-screen')).toHaveCount(0);
  });

  test('refuses a wrong PIN, locks after 5 tries (even the right PIN), and the lock survives a reload', async ({ page }) => {
    await page.goto('/');
    await cornerGesture(page);
    for (const left of [4, 3, 2, 1]) {
      await enterPin(page, '1111');
      await expect(page.getByTestId('pin-message')).toHaveText(`Die PIN ist falsch. Versuche übrig: ${left}`);
      await expect(page.getByTestId('staff-kiosk-id')).toHaveCount(0);
    }
    await enterPin(page, '1111');
    await expect(page.getByTestId('pin-message')).toContainText('Zu viele falsche Versuche');
    await expect(page.getByTestId('pin-key-1')).toHaveAttribute('aria-disabled', 'true');
    if (test.info().project.use.viewport?.width === 1920) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'staff-locked-1920x1080.png') });
    }
    // reload: the pad is usable again on screen, but the main side still refuses
    await page.reload();
    await cornerGesture(page);
    await enterPin(page, SETUP_PIN);
    await expect(page.getByTestId('pin-message')).toContainText('Zu viele falsche Versuche');
    await expect(page.getByTestId('staff-kiosk-id')).toHaveCount(0);
  });

  test('the staff calls refuse a caller without a session', async ({ page, host }) => {
    const r = await page.request.post(`${host.baseURL}/api/getStaffStatus`, { data: { token: 'a'.repeat(64) } });
    const body = await r.json();
    expect(body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  test('change the setup PIN: the new PIN opens, the setup PIN no longer does', async ({ page }) => {
    await page.goto('/');
    await cornerGesture(page);
    await enterPin(page, SETUP_PIN);
    await page.getByTestId('staff-change-pin').click();
    await enterPin(page, '97531');
    await enterPin(page, '97531');
    await expect(page.getByTestId('staff-kiosk-id')).toBeVisible();
    await expect(page.getByTestId('staff-setup-pin')).toHaveCount(0);
    await page.getByTestId('staff-leave').last().click();
    await cornerGesture(page);
    await enterPin(page, SETUP_PIN);
    await expect(page.getByTestId('pin-message')).toContainText('Die PIN ist falsch');
    await enterPin(page, '97531');
    await expect(page.getByTestId('staff-kiosk-id')).toBeVisible();
  });

  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    test(`screenshots, accessibility and touch targets at ${viewport.width}×${viewport.height}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      mkdirSync(SHOTS, { recursive: true });
      await page.goto('/');
      await cornerGesture(page);
      await expect(page.getByTestId('pin-pad')).toBeVisible();
      await checkA11y(page, 'staff PIN pad');
      await checkTargets(page);
      await page.screenshot({ path: join(SHOTS, `staff-pin-${viewport.width}x${viewport.height}.png`) });
      await enterPin(page, SETUP_PIN);
      await expect(page.getByTestId('staff-kiosk-id')).toBeVisible();
      await expect(page.getByTestId('staff-outbox')).toBeVisible();
      await checkA11y(page, 'staff status');
      await page.screenshot({ path: join(SHOTS, `staff-status-${viewport.width}x${viewport.height}.png`), fullPage: true });
    });
  }
});
