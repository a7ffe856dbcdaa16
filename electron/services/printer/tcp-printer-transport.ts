import { Socket, connect } from 'node:net';
import { isRealtimeStatusByte } from './escpos-status';
import { PrinterLinkError, type PrinterLink, type PrinterTransport } from './printer-transport';

/** A network receipt printer speaking raw ESC/POS on a TCP port (9100 by convention). */
export function createTcpPrinterTransport(host: string, port: number): PrinterTransport {
  return {
    description: `tcp ${host}:${port}`,
    open(timeoutMs) {
      return new Promise<PrinterLink>((resolve, reject) => {
        const socket = connect({ host, port });
        socket.setNoDelay(true);
        const timer = setTimeout(() => {
          socket.destroy();
          reject(new PrinterLinkError('offline', `no connection to ${host}:${port} within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.once('error', (err: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          socket.destroy();
          reject(new PrinterLinkError('offline', `${host}:${port}: ${err.code ?? err.message}`));
        });
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.removeAllListeners('error');
          resolve(new TcpLink(socket));
        });
      });
    },
  };
}

class TcpLink implements PrinterLink {
  /** Status bytes received and not yet claimed by a query. */
  private statusBytes: number[] = [];
  private waiter: ((b: number) => void) | null = null;
  private failure: Error | null = null;
  private onFailure: ((err: Error) => void) | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      for (const b of chunk) {
        // Only real-time status answers count; anything else the printer volunteers is ignored.
        if (!isRealtimeStatusByte(b)) continue;
        if (this.waiter) {
          const w = this.waiter;
          this.waiter = null;
          w(b);
        } else if (this.statusBytes.length < 16) {
          this.statusBytes.push(b);
        }
      }
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      this.onFailure?.(err);
    };
    socket.on('error', (err: NodeJS.ErrnoException) => fail(new PrinterLinkError('offline', `connection lost: ${err.code ?? err.message}`)));
    socket.on('close', () => fail(new PrinterLinkError('offline', 'connection closed by the printer')));
  }

  write(data: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.onFailure = null;
        reject(new PrinterLinkError('timeout', `could not send ${data.length} bytes within ${timeoutMs} ms`));
      }, timeoutMs);
      this.onFailure = (err) => {
        clearTimeout(timer);
        this.onFailure = null;
        reject(err);
      };
      this.socket.write(data, (err) => {
        clearTimeout(timer);
        this.onFailure = null;
        if (err) reject(new PrinterLinkError('offline', `write failed: ${err.message}`));
        else resolve();
      });
    });
  }

  query(request: Uint8Array, timeoutMs: number): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    // A stale answer (e.g. to an earlier query that timed out) must not be taken for this one.
    this.statusBytes = [];
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        this.onFailure = null;
        reject(new PrinterLinkError('timeout', `no status reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.onFailure = (err) => {
        clearTimeout(timer);
        this.waiter = null;
        this.onFailure = null;
        reject(err);
      };
      this.waiter = (b) => {
        clearTimeout(timer);
        this.onFailure = null;
        resolve(b);
      };
      this.socket.write(request);
    });
  }

  close(): void {
    this.waiter = null;
    this.onFailure = null;
    this.socket.end();
    this.socket.destroySoon();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }
}
