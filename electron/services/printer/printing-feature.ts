import { KioskApiError, type KioskHandlers } from '../../../shared/contract';
import type { printingContract, SlipRequest, SlipPreview } from '../../../shared/contract/printing';
import type { PrinterConfig } from '../../../shared/schemas/kiosk-config';
import type { Feature, ServiceDeps } from '../feature';
import { createBrochureMaker } from '../brochure/brochure-maker';
import type { PdfRenderer } from '../brochure/pdf-renderer';
import { loadOfferSlipData } from './offer-slip-data';
import { PrinterService, type PrinterTimeouts } from './printer-service';
import type { PrinterTransport } from './printer-transport';
import { invitationSlip, merklisteSlip, offerSlip, testSlip, type OfferSlipData, type SlipContext } from './slip-content';
import { slipToEscPos, slipToLines, type SlipBlock } from './slip-layout';
import { slipLanguageFor } from './slip-words';

export type PrintingHandlers = Pick<KioskHandlers, keyof typeof printingContract>;

/** Adapters the composition root chooses (compose.ts; `defaultPrintingAdapters` in printing-adapters.ts). */
export interface PrintingAdapters {
  /** Builds the transport for a printer configuration (real TCP / device transports, or a fake printer). */
  transportFor: (config: PrinterConfig) => PrinterTransport | null;
  /** Shorter timeouts for tests. */
  timeouts?: Partial<PrinterTimeouts>;
  /**
   * Renders the A4 brochure: Electron main passes createElectronPdfRenderer() (electron/pdf-renderer-glue.ts);
   * browser host and CLI: headless Chromium.
   */
  pdfRenderer: PdfRenderer;
}

interface ComposedSlip {
  blocks: SlipBlock[];
  qr: string | null;
  printLang: SlipContext['lang'];
  what: string;
}

/** Printing feature: slips on the receipt printer, printer status, brochure. Reads config on every use. */
export function createPrintingFeature(
  deps: ServiceDeps,
  adapters: PrintingAdapters,
): Feature<PrintingHandlers> & { isPrinting(): boolean } {
  const { transportFor } = adapters;
  // The transport is rebuilt when the printer configuration changes (remote config applies live).
  let cached: { key: string; transport: PrinterTransport | null } | null = null;
  const currentTransport = () => {
    const cfg = deps.config.get().printer;
    const key = JSON.stringify(cfg);
    if (cached?.key !== key) cached = { key, transport: transportFor(cfg) };
    return cached.transport;
  };
  const printer = new PrinterService({ transport: currentTransport, clock: deps.clock, log: deps.log, timeouts: adapters.timeouts });

  const brochure = createBrochureMaker({
    db: deps.db,
    renderer: adapters.pdfRenderer,
    clock: deps.clock,
    log: deps.log,
    dataDir: deps.dataDir,
    place: () => deps.config.get().place,
  });

  const charsPerLine = (): 42 | 48 => {
    const cfg = deps.config.get().printer;
    return cfg.transport === 'none' ? 48 : cfg.charsPerLine;
  };

  function compose(req: SlipRequest): ComposedSlip {
    const lang = slipLanguageFor(req.lang);
    const now = deps.clock.now();
    const config = deps.config.get();
    const ctx: SlipContext = { lang, place: config.place, now };
    const load = (id: string): OfferSlipData => {
      const data = loadOfferSlipData(deps.db, id, { lang, now });
      if (!data) throw new KioskApiError('not_found', `offer ${id} not found`);
      return data;
    };
    switch (req.kind) {
      case 'offer': {
        const s = offerSlip(load(req.ids[0]!), ctx);
        return { ...s, printLang: lang, what: 'offer' };
      }
      case 'merkliste': {
        const ids = [...new Set(req.ids)];
        const s = merklisteSlip(ids.map(load), ctx);
        return { ...s, printLang: lang, what: `merkliste(${ids.length})` };
      }
      case 'invitation': {
        const s = invitationSlip(config.submissionUrl ?? null, ctx);
        return { ...s, printLang: lang, what: 'invitation' };
      }
    }
  }

  const preview = (slip: ComposedSlip): SlipPreview => ({ lines: slipToLines(slip.blocks), qr: slip.qr, printLang: slip.printLang });

  return {
    isPrinting: () => printer.busy,
    handlers: {
      async previewSlip(req) {
        return preview(compose(req));
      },
      async printSlip(req) {
        const slip = compose(req);
        const out = await printer.print(slipToEscPos(slip.blocks, { charsPerLine: charsPerLine() }), slip.what);
        return { jobId: out.jobId, status: 'printed', paperLow: out.paperLow };
      },
      async getPrinterStatus() {
        return printer.status();
      },
      async testPrint() {
        const ctx: SlipContext = { lang: 'de', place: deps.config.get().place, now: deps.clock.now() };
        const slip = testSlip(ctx, currentTransport()?.description ?? 'none');
        const out = await printer.print(slipToEscPos(slip.blocks, { charsPerLine: charsPerLine() }), 'test');
        return { jobId: out.jobId, status: 'printed', paperLow: out.paperLow };
      },
      async makeBrochure() {
        try {
          return await brochure.make();
        } catch (err) {
          deps.log.error('brochure failed', { error: err instanceof Error ? err.message : String(err) });
          throw new KioskApiError('unavailable', 'the brochure could not be made on this device');
        }
      },
    },
  };
}
