import type { BrochureResult } from '../../../shared/contract/printing';

/** Makes the printed Angebotslandkarte (A4 PDF) from the local database. */
export interface BrochureMaker {
  make(): Promise<BrochureResult>;
}
