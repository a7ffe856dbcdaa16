import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { isRealtimeStatusByte } from './escpos-status';
import { PrinterLinkError, type PrinterLink, type PrinterTransport } from './printer-transport';

const POLL_MS = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A USB (or parallel) receipt printer behind a local device file such as /dev/usb/lp0.
 * Opened non-blocking so that a printer that does not answer can never block a thread:
 * reads and writes that would block are retried until the deadline.
 */
export function createDevicePrinterTransport(device: string): PrinterTransport {
  return {
    description: `device ${device}`,
    async open(_timeoutMs) {
      let handle: FileHandle;
      try {
        handle = await open(device, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        throw new PrinterLinkError('offline', `${device}: ${code}`);
      }
      return new DeviceLink(handle, device);
    },
  };
}

const wouldBlock = (err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EAGAIN' || code === 'EWOULDBLOCK';
};

class DeviceLink implements PrinterLink {
  private closed = false;
  constructor(
    private readonly handle: FileHandle,
    private readonly device: string,
  ) {}

  async write(data: Uint8Array, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let offset = 0;
    while (offset < data.length) {
      if (this.closed) throw new PrinterLinkError('offline', `${this.device} closed`);
      try {
        const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
        offset += bytesWritten;
        if (bytesWritten > 0) continue;
      } catch (err) {
        if (!wouldBlock(err)) throw new PrinterLinkError('offline', `${this.device}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      }
      if (Date.now() >= deadline) throw new PrinterLinkError('timeout', `${this.device}: could not send within ${timeoutMs} ms`);
      await sleep(POLL_MS);
    }
  }

  async query(request: Uint8Array, timeoutMs: number): Promise<number> {
    await this.write(request, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    const buf = Buffer.alloc(16);
    while (Date.now() < deadline) {
      if (this.closed) throw new PrinterLinkError('offline', `${this.device} closed`);
      try {
        const { bytesRead } = await this.handle.read(buf, 0, buf.length, null);
        for (let i = 0; i < bytesRead; i++) {
          const b = buf[i]!;
          if (isRealtimeStatusByte(b)) return b;
        }
      } catch (err) {
        if (!wouldBlock(err)) throw new PrinterLinkError('offline', `${this.device}: ${(err as NodeJS.ErrnoException).code ?? err}`);
      }
      await sleep(POLL_MS);
    }
    throw new PrinterLinkError('timeout', `${this.device}: no status reply within ${timeoutMs} ms`);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.handle.close().catch(() => {});
  }
}
