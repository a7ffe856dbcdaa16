/**
 * Turns a self-contained HTML document into an A4 PDF file.
 * Implementations: headless Chromium (browser host, CLI) in chromium-pdf-renderer.ts,
 * Electron's webContents.printToPDF in electron/pdf-renderer-glue.ts.
 */
export interface PdfRenderer {
  readonly name: string;
  /** Renders `html` (page size and margins come from its CSS @page rule) into `outFile`. */
  render(html: string, outFile: string): Promise<void>;
}
