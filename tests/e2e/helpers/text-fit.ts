/**
 * Layout checks for screens with the on-screen keyboard docked (issue 15):
 * - findUnreachable(page, testId): the element is fully inside the window, inside the screen area (not scrolled under
 *   the header), above the docked keyboard and not covered by anything else (sticky rows, dialogs).
 * - findCutText(page): visible text that a visitor cannot read whole: cut by a box that hides overflow, spilling out of
 *   its button, card or note, or reaching past the window's left or right edge (a kiosk cannot scroll sideways).
 *   Text scrolled out of a scrolling area vertically is not cut: it scrolls into view.
 */
import type { Page } from '@playwright/test';

export async function findUnreachable(page: Page, testId: string): Promise<string | null> {
  const target = page.getByTestId(testId);
  if ((await target.count()) !== 1) return `${testId}: ${await target.count()} elements`;
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return target.evaluate((el, testId) => {
    // an inline element's boxes are its font's glyph boxes, taller than the line for Arabic: measure the line boxes
    // (one box per line; a line may also be split where the direction changes, as around the 8 in "تم العثور على 8 أنشطة")
    const st = getComputedStyle(el);
    const lh = st.lineHeight === 'normal' ? parseFloat(st.fontSize) * 1.2 : parseFloat(st.lineHeight);
    const boxes = st.display === 'inline' ? Array.from(el.getClientRects()).filter((b) => b.width >= 1 && b.height >= 1) : [];
    const lines = boxes.length > 0 ? boxes.map((b) => ({ b, spare: Math.max(0, (b.height - lh) / 2) })) : [{ b: el.getBoundingClientRect(), spare: 0 }];
    const left = Math.min(...lines.map(({ b }) => b.left));
    const right = Math.max(...lines.map(({ b }) => b.right));
    const top = Math.min(...lines.map(({ b, spare }) => b.top + spare));
    const bottom = Math.max(...lines.map(({ b, spare }) => b.bottom - spare));
    const r = { left, right, top, bottom, width: right - left, height: bottom - top };
    const f = (n: number) => Math.round(n);
    const where = `${testId} at ${f(r.left)},${f(r.top)}–${f(r.right)},${f(r.bottom)}`;
    if (r.width < 1 || r.height < 1) return `${where}: not shown`;
    if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) return `${where}: outside the ${innerWidth}×${innerHeight} window`;
    const main = document.querySelector('.shell-main')?.getBoundingClientRect();
    const dock = document.getElementById('keyboard-dock');
    const inDock = dock?.contains(el) ?? false;
    if (!inDock && main && (r.top < main.top - 0.5 || r.bottom > main.bottom + 0.5)) return `${where}: outside the screen area ${f(main.top)}–${f(main.bottom)}`;
    const dockBox = dock && dock.childElementCount > 0 ? dock.getBoundingClientRect() : null;
    if (!inDock && dockBox && r.bottom > dockBox.top + 0.5) return `${where}: under the keyboard (from ${f(dockBox.top)})`;
    // nothing on top of it: probe the centre and the middle of each edge, far enough in to miss the rounded corners
    const ix = Math.min(16, r.width / 4);
    const iy = Math.min(16, r.height / 4);
    const cx = (r.left + r.right) / 2;
    const cy = (r.top + r.bottom) / 2;
    for (const [x, y] of [
      [cx, cy],
      [cx, r.top + iy],
      [cx, r.bottom - iy],
      [r.left + ix, cy],
      [r.right - ix, cy],
    ] as const) {
      const hit = document.elementFromPoint(x, y);
      if (!hit || !(hit === el || el.contains(hit))) {
        const by = hit ? `${hit.tagName.toLowerCase()}.${String(hit.className).split(' ').join('.')}` : 'nothing';
        return `${where}: covered at ${f(x)},${f(y)} by ${by}`;
      }
    }
    return null;
  }, testId);
}

export async function findCutText(page: Page): Promise<string[]> {
  await page.evaluate('globalThis.__name = globalThis.__name || ((f) => f)');
  return page.evaluate(() => {
    const out: string[] = [];
    const EPS = 1;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el) continue;
      if (el.closest('.visually-hidden, [aria-hidden="true"] .leaflet-container, .leaflet-container')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = Array.from(range.getClientRects()).filter((b) => b.width >= 1 && b.height >= 1);
      if (lines.length === 0) continue;
      const label = `"${text.slice(0, 40)}" in <${el.tagName.toLowerCase()} class="${el.className}">`;
      // A font's glyph box can be taller than the line (Arabic, Noto Sans): what reaches past the line box is the
      // font's spare ascent and descent, not ink; only more than that counts as cut vertically.
      const lh = style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.2 : parseFloat(style.lineHeight);
      let problem: string | null = null;
      for (const rect of lines) {
        const spare = Math.max(0, (rect.height - lh) / 2);
        const b = { left: rect.left, right: rect.right, top: rect.top + spare, bottom: rect.bottom - spare };
        if (b.left < -EPS || b.right > innerWidth + EPS) problem = `past the window's edge (${Math.round(b.left)}–${Math.round(b.right)} of ${innerWidth})`;
        for (let p: HTMLElement | null = el; p && p !== document.body && !problem; p = p.parentElement) {
          const ps = getComputedStyle(p);
          const pr = p.getBoundingClientRect();
          const outX = b.left < pr.left - EPS || b.right > pr.right + EPS;
          const outY = b.top < pr.top - EPS || b.bottom > pr.bottom + EPS;
          const clipX = ps.overflowX !== 'visible';
          const scrollY = ps.overflowY === 'auto' || ps.overflowY === 'scroll';
          const clipY = ps.overflowY !== 'visible' && !scrollY;
          if (outX && clipX) problem = `cut at the side of <${p.tagName.toLowerCase()} class="${p.className}">`;
          else if (outY && clipY) problem = `cut at the top or bottom of <${p.tagName.toLowerCase()} class="${p.className}">`;
          // text must stay inside the frame it belongs to (a key, a button, a card, a note, a tag)
          else if ((outX || outY) && p.matches('button, .btn, .card, .note, .tag, .osk-key')) problem = `spills out of <${p.tagName.toLowerCase()} class="${p.className}">`;
        }
        if (problem) break;
      }
      if (problem) out.push(`${label}: ${problem}`);
    }
    return out;
  });
}
