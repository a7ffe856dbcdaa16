/**
 * Read-aloud helpers that know the current visitor (language, configured volume), and "Sprachmodus"
 * (explore by touch): while it is on, the first tap on a control speaks its name and state instead of
 * activating it; a second tap on the same control within EXPLORE_CONFIRM_MS activates it.
 */
import i18n from '../i18n';
import { useBoot } from './boot-store';
import { useReadAloud } from './read-aloud-store';
import { useSettings } from './settings-store';
import { readableText } from './speech';

/** A second tap on the same control within this time activates it. */
export const EXPLORE_CONFIRM_MS = 5000;

const volume = () => useBoot.getState().info?.speechVolume ?? 1;

/** Speaks a text in the visitor's language, at the configured volume (the visitor's choice on top). */
export function say(text: string): void {
  useReadAloud.getState().read(text, useSettings.getState().language, volume());
}

/** Reads an element completely: a screen, a dialog (title, text, slip preview, buttons). */
export function readElement(root: HTMLElement): void {
  say(readableText(root));
}

/** Reads the last text again. */
export function repeatReading(): void {
  useReadAloud.getState().repeat(useSettings.getState().language, volume());
}

const CONTROL = 'button, a[href], input, select, textarea, [role="button"], [role="link"], [role="checkbox"], [role="switch"], [role="tab"], [role="option"]';

/** Accessible name (aria-label, aria-labelledby, else visible text) and state of a control, as spoken. */
export function describeControl(el: Element): string {
  const t = (k: string) => i18n.t(k, { ns: 'common' });
  const byIds = (ids: string | null) =>
    ids
      ?.split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' ') ?? '';
  let name = el.getAttribute('aria-label')?.trim() || byIds(el.getAttribute('aria-labelledby'));
  if (!name && el instanceof HTMLInputElement) name = el.labels?.[0]?.textContent?.trim() || el.placeholder || el.value;
  if (!name) name = (el as HTMLElement).innerText?.trim() || el.textContent?.trim() || '';
  const parts = [name.replace(/\s+/g, ' ')];
  const pressed = el.getAttribute('aria-pressed') ?? el.getAttribute('aria-checked') ?? el.getAttribute('aria-selected');
  if (pressed === 'true') parts.push(t('stateOn'));
  else if (pressed === 'false') parts.push(t('stateOff'));
  if (el.getAttribute('aria-disabled') === 'true' || (el as HTMLButtonElement).disabled) parts.push(t('stateDisabled'));
  const described = byIds(el.getAttribute('aria-describedby'));
  if (described) parts.push(described);
  parts.push(t('exploreTapAgain'));
  return parts.filter(Boolean).join('. ').replace(/\.\./g, '.');
}

let armed: { el: Element; at: number } | null = null;

/**
 * Decides what a tap does in Sprachmodus: 'speak' (first tap: announce, do not activate) or 'activate'
 * (second tap on the same control within EXPLORE_CONFIRM_MS). Exported for the unit test.
 */
export function exploreTap(el: Element, now: number): 'speak' | 'activate' {
  if (armed && armed.el === el && now - armed.at <= EXPLORE_CONFIRM_MS) {
    armed = null;
    return 'activate';
  }
  armed = { el, at: now };
  return 'speak';
}

export function resetExplore(): void {
  armed = null;
}

/**
 * Installs the Sprachmodus click filter (capture phase on window, before React's handlers). Returns the uninstaller.
 * Keyboard activations (detail 0, staff keyboards) are never filtered.
 */
export function installExplore(): () => void {
  const onClick = (e: MouseEvent) => {
    if (!useReadAloud.getState().explore || e.detail === 0) return;
    const el = e.target instanceof Element ? e.target.closest(CONTROL) : null;
    if (!el || el.closest('[data-explore-skip]')) return;
    if (exploreTap(el, performance.now()) === 'activate') return;
    e.preventDefault();
    e.stopPropagation();
    say(describeControl(el));
  };
  window.addEventListener('click', onClick, { capture: true });
  const unsub = useReadAloud.subscribe((s, prev) => {
    if (s.explore !== prev.explore) armed = null;
  });
  return () => {
    window.removeEventListener('click', onClick, { capture: true });
    unsub();
  };
}
