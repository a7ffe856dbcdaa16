import type { PrinterConfig } from '../../../shared/schemas/kiosk-config';
import { createChromiumPdfRenderer } from '../brochure/chromium-pdf-renderer';
import { createDevicePrinterTransport } from './device-printer-transport';
import type { PrinterTransport } from './printer-transport';
import type { PrintingAdapters } from './printing-feature';
import { createTcpPrinterTransport } from './tcp-printer-transport';

/** The real printer transport for a printer configuration: TCP (port 9100) or a device file; none = no printer. */
export function defaultTransportFor(config: PrinterConfig): PrinterTransport | null {
  switch (config.transport) {
    case 'tcp':
      return createTcpPrinterTransport(config.host, config.port);
    case 'device':
      return createDevicePrinterTransport(config.device);
    default:
      return null;
  }
}

/**
 * The printing feature's default adapters, chosen by the composition root (compose.ts) when its host passes none:
 * real TCP / device transports, brochure through headless Chromium.
 */
export function defaultPrintingAdapters(): PrintingAdapters {
  return { transportFor: defaultTransportFor, pdfRenderer: createChromiumPdfRenderer() };
}
