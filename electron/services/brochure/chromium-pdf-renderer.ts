import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfRenderer } from './pdf-renderer';

export const DEFAULT_CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium's --print-to-pdf (Debian's /usr/bin/chromium). No network: the HTML is self-contained. */
export function createChromiumPdfRenderer(opts: { executable?: string; timeoutMs?: number } = {}): PdfRenderer {
  const executable = opts.executable ?? DEFAULT_CHROMIUM;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return {
    name: `chromium (${executable})`,
    async render(html, outFile) {
      if (!existsSync(executable)) throw new Error(`Chromium not found at ${executable}`);
      const work = mkdtempSync(join(tmpdir(), 'brochure-'));
      try {
        const page = join(work, 'brochure.html');
        writeFileSync(page, html, 'utf8');
        const args = [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          '--no-pdf-header-footer',
          `--user-data-dir=${join(work, 'profile')}`,
          `--print-to-pdf=${outFile}`,
          pathToFileURL(page).href,
        ];
        await new Promise<void>((resolve, reject) => {
          execFile(executable, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024 }, (err, _stdout, stderr) => {
            if (err) reject(new Error(`chromium failed: ${err.message} ${String(stderr).slice(-500)}`));
            else resolve();
          });
        });
        if (!existsSync(outFile) || statSync(outFile).size === 0) throw new Error('chromium wrote no PDF');
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
  };
}
