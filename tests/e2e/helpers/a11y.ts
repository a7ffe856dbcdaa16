/**
 * Shared end-to-end checks for the kiosk's screens (import from any spec):
 * - checkA11y(page): axe-core with WCAG 2.0/2.1/2.2 A and AA tags, 0 violations.
 * - checkTargets(page): every visible interactive element ≥ 72×72 px, no two overlapping,
 *   and ≥ 16 px between targets that are fully in view.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/**
 * Rules axe leaves off by default (experimental) that the kiosk must pass anyway: the visible text of a control is
 * the start of its accessible name (speech users say what they see; WCAG 2.5.3).
 */
export const AXE_EXTRA_RULES = ['label-content-name-mismatch'];

export async function checkA11y(page: Page, context = ''): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(AXE_TAGS)
    .options({ rules: Object.fromEntries(AXE_EXTRA_RULES.map((id) => [id, { enabled: true }])) })
    .analyze();
  const summary = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(0, 3).join(' ')}`),
  }));
  expect(summary, `axe violations ${context}`).toEqual([]);
}

/**
 * Stricter than axe's label-content-name-mismatch (which only asks the visible text to be contained in the name):
 * every control with an aria-label or aria-labelledby whose name does not start with its visible text (WCAG 2.5.3
 * best practice, issue 16: a speech user says what they see, a screen reader user hears it first).
 */
export async function findNameMismatches(page: Page): Promise<string[]> {
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate(() => {
    const norm = (t: string) => t.normalize('NFC').toLowerCase().replace(/[\u00b7\u200b-\u200f\u2066-\u2069]/g, '').replace(/[\s:.,;!?؟،()–-]+/g, ' ').trim();
    const visibleText = (el: Element): string => {
      let out = '';
      for (const n of Array.from(el.childNodes)) {
        if (n.nodeType === Node.TEXT_NODE) out += n.textContent ?? '';
        else if (n instanceof HTMLElement) {
          const st = getComputedStyle(n);
          if (n.getAttribute('aria-hidden') === 'true' && !n.textContent?.trim()) continue;
          if (st.display === 'none' || st.visibility === 'hidden' || n.classList.contains('visually-hidden')) continue;
          out += ` ${visibleText(n)} `;
        }
      }
      return out;
    };
    const problems: string[] = [];
    const selector = 'button, a[href], [role=button], [role=link], [role=checkbox], [role=switch], [role=tab], [role=radio], [role=option], [role=menuitem]';
    for (const el of Array.from(document.querySelectorAll(selector))) {
      const label = el.getAttribute('aria-label') ?? (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      if (!label.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || el.closest('[aria-hidden="true"], [inert]')) continue;
      const seen = norm(visibleText(el));
      if (!seen || /^[^\p{L}\p{N}]*$/u.test(seen)) continue;
      const name = norm(label);
      if (!name.startsWith(seen)) problems.push(`${el.getAttribute('data-testid') ?? el.tagName.toLowerCase()}: visible "${seen}" / name "${name.slice(0, 80)}"`);
    }
    return problems;
  });
}

export async function checkNameStartsWithLabel(page: Page, context = ''): Promise<void> {
  expect(await findNameMismatches(page), `accessible name does not start with the visible text ${context}`).toEqual([]);
}

/** The smallest text the kiosk shows at normal size (UX guidelines; EN 301 549 asks for legible text on closed systems). */
export const MIN_TEXT_PX = 24;

/** Every visible text node on the page (dialogs and the fixed bar included) whose font is smaller than `minPx`. */
export async function findSmallText(page: Page, minPx = MIN_TEXT_PX): Promise<string[]> {
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate((minPx) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      if (size >= minPx - 0.01) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const box = range.getBoundingClientRect();
      // Visible: has a box, is not clipped away (sr-only) and not hidden. Map tiles' attribution is Leaflet's own.
      const own = el.getBoundingClientRect();
      if (box.width < 2 || box.height < 2 || own.width < 2 || own.height < 2 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if (el.closest('[aria-hidden="true"]') && el.closest('.leaflet-container')) continue;
      small.push(`${size.toFixed(1)}px "${text.slice(0, 40)}" in <${el.tagName.toLowerCase()} class="${el.className}">`);
    }
    return small;
  }, minPx);
}

export async function checkTextSize(page: Page, context = ''): Promise<void> {
  expect(await findSmallText(page), `visible text under ${MIN_TEXT_PX} px ${context}`).toEqual([]);
}

export interface TargetOptions {
  minSize?: number;
  minGap?: number;
  /** CSS selector of elements to leave out (e.g. map tiles inside a third-party widget that has its own test). */
  ignore?: string;
}

export interface TargetProblem {
  kind: 'too-small' | 'overlap' | 'too-close';
  what: string;
  detail: string;
}

/** Measures every visible interactive element in the page (the fixed bar included). */
export async function findTargetProblems(page: Page, opts: TargetOptions = {}): Promise<TargetProblem[]> {
  const { minSize = 72, minGap = 16, ignore = '' } = opts;
  // Some TypeScript runners (tsx/esbuild keepNames) wrap inner functions in __name(); give the page a no-op one.
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate(
    ({ minSize, minGap, ignore }) => {
      const SELECTOR =
        'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=link], [role=checkbox], [role=switch], [role=tab], [role=radio], [role=option], [tabindex]:not([tabindex="-1"])';
      type Box = { left: number; top: number; right: number; bottom: number };
      const describe = (el: Element) => {
        const id = el.getAttribute('data-testid');
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : ''} "${text || el.getAttribute('aria-label') || ''}"`;
      };
      const intersect = (a: Box, b: Box): Box => ({
        left: Math.max(a.left, b.left),
        top: Math.max(a.top, b.top),
        right: Math.min(a.right, b.right),
        bottom: Math.min(a.bottom, b.bottom),
      });
      const empty = (b: Box) => b.right - b.left < 1 || b.bottom - b.top < 1;
      const viewport: Box = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };

      const items: { el: Element; full: Box; shown: Box; clipped: boolean }[] = [];
      for (const el of Array.from(document.querySelectorAll(SELECTOR))) {
        if (ignore && el.closest(ignore)) continue;
        if (el.closest('[aria-hidden="true"], [inert]')) continue;
        // A scrollable <main> is focusable for keyboard scrolling (axe scrollable-region-focusable); it is not a touch target.
        if (el.tagName === 'MAIN' || el.getAttribute('role') === 'dialog' || el.getAttribute('role') === 'alertdialog') continue;
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') continue;
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        let shown: Box = intersect({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }, viewport);
        for (let p = el.parentElement; p; p = p.parentElement) {
          const ps = getComputedStyle(p);
          if (/(auto|scroll|hidden|clip)/.test(ps.overflow + ps.overflowX + ps.overflowY)) {
            const pr = p.getBoundingClientRect();
            shown = intersect(shown, { left: pr.left, top: pr.top, right: pr.right, bottom: pr.bottom });
          }
        }
        if (empty(shown)) continue;
        // Covered by something else (e.g. under a dialog): not a target right now.
        const cx = (shown.left + shown.right) / 2;
        const cy = (shown.top + shown.bottom) / 2;
        const hit = document.elementFromPoint(cx, cy);
        if (!hit || !(el === hit || el.contains(hit) || hit.contains(el))) continue;
        const full = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        const clipped = shown.left > full.left + 0.5 || shown.top > full.top + 0.5 || shown.right < full.right - 0.5 || shown.bottom < full.bottom - 0.5;
        items.push({ el, full, shown, clipped });
      }
      // Nested interactive elements (an input inside a label-button) count once: keep the outermost.
      const targets = items.filter((a) => !items.some((b) => b !== a && b.el.contains(a.el)));

      const problems: { kind: 'too-small' | 'overlap' | 'too-close'; what: string; detail: string }[] = [];
      for (const t of targets) {
        const w = t.full.right - t.full.left;
        const h = t.full.bottom - t.full.top;
        if (w < minSize - 0.5 || h < minSize - 0.5) problems.push({ kind: 'too-small', what: describe(t.el), detail: `${Math.round(w)}×${Math.round(h)} px` });
      }
      for (let i = 0; i < targets.length; i++) {
        for (let j = i + 1; j < targets.length; j++) {
          const a = targets[i]!;
          const b = targets[j]!;
          const o = intersect(a.shown, b.shown);
          if (!empty(o)) {
            problems.push({ kind: 'overlap', what: `${describe(a.el)} / ${describe(b.el)}`, detail: `${Math.round(o.right - o.left)}×${Math.round(o.bottom - o.top)} px` });
            continue;
          }
          if (a.clipped || b.clipped) continue;
          const dx = Math.max(0, Math.max(a.full.left, b.full.left) - Math.min(a.full.right, b.full.right));
          const dy = Math.max(0, Math.max(a.full.top, b.full.top) - Math.min(a.full.bottom, b.full.bottom));
          const gap = Math.max(dx, dy);
          if (gap < minGap - 0.5) problems.push({ kind: 'too-close', what: `${describe(a.el)} / ${describe(b.el)}`, detail: `${gap.toFixed(1)} px apart` });
        }
      }
      return problems;
    },
    { minSize, minGap, ignore },
  );
}

export async function checkTargets(page: Page, opts: TargetOptions = {}, context = ''): Promise<void> {
  expect(await findTargetProblems(page, opts), `touch target problems ${context}`).toEqual([]);
}
