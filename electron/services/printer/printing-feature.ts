import type { printingContract } from '../../../shared/contract/printing';
import type { KioskHandlers } from '../../../shared/contract';
import type { Feature, ServiceDeps } from '../feature';

export type PrintingHandlers = Pick<KioskHandlers, keyof typeof printingContract>;

/** Placeholder until the printing feature lands. */
export function createPrintingFeature(_deps: ServiceDeps): Feature<PrintingHandlers> {
  return { handlers: {} as PrintingHandlers };
}
