/**
 * How bytes reach the receipt printer. One adapter interface, three implementations:
 * raw TCP (port 9100), a local device file (e.g. /dev/usb/lp0), and none.
 * Built at the composition root from `config.printer` (see printer-transport-factory.ts).
 */

/** Why talking to the printer failed at the transport level. */
export type LinkFailure = 'offline' | 'timeout';

export class PrinterLinkError extends Error {
  constructor(
    readonly failure: LinkFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PrinterLinkError';
  }
}

/** One open connection to the printer. */
export interface PrinterLink {
  /** Send bytes; rejects with PrinterLinkError('timeout') if they cannot be sent within `timeoutMs`. */
  write(data: Uint8Array, timeoutMs: number): Promise<void>;
  /**
   * Send a real-time status request (DLE EOT n) and resolve with the printer's one-byte answer;
   * rejects with PrinterLinkError('timeout') when no answer comes within `timeoutMs`.
   */
  query(request: Uint8Array, timeoutMs: number): Promise<number>;
  close(): void;
}

export interface PrinterTransport {
  /** For logs and the staff screen, e.g. "tcp 192.168.1.50:9100". */
  readonly description: string;
  /** Rejects with PrinterLinkError('offline') when the printer is unreachable (refused, unplugged, no device). */
  open(timeoutMs: number): Promise<PrinterLink>;
}
