import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { PdfRenderer } from './services/brochure/pdf-renderer';

/**
 * Electron's printToPDF: the brochure HTML is loaded into a hidden, sandboxed window without JavaScript
 * (it needs none) and printed to A4 using the page's CSS @page rule.
 */
export function createElectronPdfRenderer(opts: { timeoutMs?: number } = {}): PdfRenderer {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return {
    name: 'electron printToPDF',
    async render(html, outFile) {
      // Reviewed: new windows are denied and navigation prevented right below; the window runs no JavaScript.
      const win = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK
        show: false,
        width: 1240,
        height: 1754,
        webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
      });
      // Never navigate anywhere else from this window.
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      win.webContents.on('will-navigate', (e) => e.preventDefault());
      let timer: NodeJS.Timeout | undefined;
      const work = await mkdtemp(join(tmpdir(), 'brochure-'));
      try {
        const job = (async () => {
          const page = join(work, 'brochure.html');
          await writeFile(page, html, 'utf8');
          await win.loadFile(page);
          const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
          await writeFile(outFile, pdf);
        })();
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`printToPDF took longer than ${timeoutMs} ms`)), timeoutMs);
        });
        await Promise.race([job, timeout]);
      } finally {
        if (timer) clearTimeout(timer);
        win.destroy();
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
