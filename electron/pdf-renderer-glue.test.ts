import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  windows: [] as Array<{ opts: unknown; loaded: string | null; destroyed: boolean; printOpts: unknown; html: string | null }>,
  printImpl: null as null | (() => Promise<Buffer>),
}));

vi.mock('electron', async () => {
  const fs = await import('node:fs');
  class BrowserWindow {
    rec = { opts: null as unknown, loaded: null as string | null, destroyed: false, printOpts: null as unknown, html: null as string | null };
    webContents = {
      setWindowOpenHandler: vi.fn(),
      on: vi.fn(),
      printToPDF: vi.fn(async (o: unknown) => {
        this.rec.printOpts = o;
        return state.printImpl ? state.printImpl() : Buffer.from('%PDF-1.7 fake');
      }),
    };
    constructor(opts: unknown) {
      this.rec.opts = opts;
      state.windows.push(this.rec);
    }
    async loadFile(path: string) {
      this.rec.loaded = path;
      this.rec.html = fs.readFileSync(path, 'utf8');
    }
    destroy() {
      this.rec.destroyed = true;
    }
  }
  return { BrowserWindow };
});

import { createElectronPdfRenderer } from './pdf-renderer-glue';

describe('Electron printToPDF renderer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdf-glue-'));
    state.windows.length = 0;
    state.printImpl = null;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the HTML in a hidden window without JavaScript to A4 and writes the PDF', async () => {
    const out = join(dir, 'b.pdf');
    await createElectronPdfRenderer().render('<!doctype html><p>Größe 5 €</p>', out);
    expect(readFileSync(out, 'latin1')).toBe('%PDF-1.7 fake');
    const w = state.windows[0]!;
    expect(w.opts).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, nodeIntegration: false } });
    expect(w.html).toBe('<!doctype html><p>Größe 5 €</p>');
    expect(w.printOpts).toMatchObject({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    expect(w.destroyed).toBe(true);
    expect(existsSync(w.loaded!)).toBe(false); // temporary page removed
  });

  it('gives up after the timeout and still closes the window', async () => {
    state.printImpl = () => new Promise(() => {});
    await expect(createElectronPdfRenderer({ timeoutMs: 50 }).render('<p>x</p>', join(dir, 'c.pdf'))).rejects.toThrow(/longer than 50 ms/);
    expect(state.windows[0]!.destroyed).toBe(true);
    expect(existsSync(join(dir, 'c.pdf'))).toBe(false);
  });
});
