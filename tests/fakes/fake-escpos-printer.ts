import { createServer, type Server, type Socket } from 'node:net';

/**
 * A fake Epson-style ESC/POS network printer for tests (TCP on 127.0.0.1).
 * It answers real-time status requests (DLE EOT 1/2/4) as a TM printer would in the chosen mode,
 * and decodes what it receives into text lines (honouring ESC t code page selection; CP858 and CP437),
 * QR code payloads (GS ( k store data) and whether the paper was cut (GS V).
 */

export type FakePrinterMode = 'ok' | 'paper_low' | 'paper_out' | 'cover_open' | 'silent';

export interface DecodedJob {
  /** Text lines as printed (trailing spaces removed). */
  lines: string[];
  /** Payloads of QR codes stored with GS ( k (function 180). */
  qr: string[];
  /** Each QR code with the module size (GS ( k function 167, dots) and error correction (169: L M Q H) in force when its data was stored. */
  qrSymbols: { data: string; moduleDots: number; level: 'L' | 'M' | 'Q' | 'H' }[];
  /** A cut command (GS V) ended this job. */
  cut: boolean;
  /** Code pages selected with ESC t, in order. */
  codePages: number[];
  /** Whether the job started with ESC @ (initialise). */
  initialised: boolean;
  /** Commands the decoder did not know (as hex), for debugging tests. */
  unknown: string[];
}

/** Code page 858 (PC858, ESC t 19), bytes 0x80–0xFF — written out here independently of the app's encoder. */
const CP858 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0';
/** Code page 437 (PC437, ESC t 0), bytes 0x80–0xFF. */
const CP437 =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00A0';
const CODE_PAGES: Record<number, string> = { 0: CP437, 19: CP858 };

/** Status bytes of an Epson TM printer (bit 1 and bit 4 always set). */
function statusReply(mode: FakePrinterMode, n: number): number | null {
  if (mode === 'silent') return null;
  const base = 0x12;
  switch (n) {
    case 1: // printer status: bit 3 offline
      return base | (mode === 'paper_out' || mode === 'cover_open' ? 0x08 : 0);
    case 2: // offline cause: bit 2 cover open, bit 5 paper end stop
      return base | (mode === 'cover_open' ? 0x04 : 0) | (mode === 'paper_out' ? 0x20 : 0);
    case 4: // roll paper sensor: bits 2-3 near end, bits 5-6 end
      return base | (mode === 'paper_low' ? 0x0c : 0) | (mode === 'paper_out' ? 0x6c : 0);
    default:
      return base;
  }
}

/** Decodes an ESC/POS byte stream incrementally (bytes may arrive in any chunks). */
export class EscPosDecoder {
  readonly jobs: DecodedJob[] = [];
  private buf = Buffer.alloc(0);
  private job: DecodedJob = EscPosDecoder.emptyJob();
  private line = '';
  private codePage = 0;
  // QR settings of an Epson printer after ESC @: module size 3 dots, error correction L
  private qrModuleDots = 3;
  private qrLevel: 'L' | 'M' | 'Q' | 'H' = 'L';

  constructor(private readonly onStatusRequest: (n: number) => void = () => {}) {}

  private static emptyJob(): DecodedJob {
    return { lines: [], qr: [], qrSymbols: [], cut: false, codePages: [], initialised: false, unknown: [] };
  }

  push(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    let pos = 0;
    for (;;) {
      const used = this.step(pos);
      if (used === 0) break;
      pos += used;
    }
    this.buf = this.buf.subarray(pos);
  }

  /** Ends the stream: a job without a cut is kept if it printed anything. */
  finish(): void {
    this.flushLine(false);
    const j = this.job;
    if (j.lines.length || j.qr.length || j.initialised) this.jobs.push(j);
    this.job = EscPosDecoder.emptyJob();
  }

  /** Decodes one command or character at `pos`; returns the bytes used, 0 if more bytes are needed. */
  private step(pos: number): number {
    const b = this.buf;
    const avail = b.length - pos;
    if (avail <= 0) return 0;
    const c = b[pos]!;
    const need = (n: number) => (avail >= n ? n : 0);
    const u16 = (at: number) => b[pos + at]! | (b[pos + at + 1]! << 8);
    switch (c) {
      case 0x0a: // LF
        this.flushLine(true);
        return 1;
      case 0x0d:
        return 1;
      case 0x09:
        this.line += ' ';
        return 1;
      case 0x10: {
        // DLE EOT n: real-time status
        if (avail < 3) return 0;
        if (b[pos + 1] === 0x04) {
          this.onStatusRequest(b[pos + 2]!);
          return 3;
        }
        if (b[pos + 1] === 0x14) return need(5); // DLE DC4 fn m t
        this.job.unknown.push(b.subarray(pos, pos + 2).toString('hex'));
        return 2;
      }
      case 0x1b:
        return this.escape(pos, avail, need);
      case 0x1c:
        return this.fs(pos, avail, need, u16);
      case 0x1d:
        return this.gs(pos, avail, need, u16);
      default:
        if (c < 0x20) return 1;
        if (c < 0x80) this.line += String.fromCharCode(c);
        else this.line += CODE_PAGES[this.codePage]?.[c - 0x80] ?? '\uFFFD';
        return 1;
    }
  }

  private escape(pos: number, avail: number, need: (n: number) => number): number {
    if (avail < 2) return 0;
    const cmd = String.fromCharCode(this.buf[pos + 1]!);
    switch (cmd) {
      case '@':
        this.flushLine(false);
        if (this.job.lines.length || this.job.qr.length) {
          this.jobs.push(this.job);
          this.job = EscPosDecoder.emptyJob();
        }
        this.job.initialised = true;
        this.codePage = 0;
        this.qrModuleDots = 3;
        this.qrLevel = 'L';
        return 2;
      case 't':
        if (avail < 3) return 0;
        this.codePage = this.buf[pos + 2]!;
        this.job.codePages.push(this.codePage);
        return 3;
      case '$': case '\\':
        return need(4);
      case 'd': case 'J':
        if (avail < 3) return 0;
        for (let i = 0; i < this.buf[pos + 2]!; i++) this.flushLine(true);
        return 3;
      case '2':
        return 2;
      case '3': case '-': case 'E': case 'M': case 'a': case '{': case ' ': case 'R': case 'G': case '!': case 'V': case 'c':
        return need(3);
      default:
        this.job.unknown.push(this.buf.subarray(pos, pos + 2).toString('hex'));
        return 2;
    }
  }

  private fs(pos: number, avail: number, need: (n: number) => number, u16: (at: number) => number): number {
    if (avail < 2) return 0;
    const cmd = String.fromCharCode(this.buf[pos + 1]!);
    switch (cmd) {
      case '(': {
        if (avail < 5) return 0;
        return need(5 + u16(3));
      }
      case '.': case '&':
        return 2;
      case 'C': case '-':
        return need(3);
      case 'S':
        return need(4);
      default:
        this.job.unknown.push(this.buf.subarray(pos, pos + 2).toString('hex'));
        return 2;
    }
  }

  private gs(pos: number, avail: number, need: (n: number) => number, u16: (at: number) => number): number {
    if (avail < 2) return 0;
    const b = this.buf;
    const cmd = String.fromCharCode(b[pos + 1]!);
    switch (cmd) {
      case 'V': {
        // GS V m (m = 0, 1, 48, 49) or GS V m n (m = 65, 66, ...)
        if (avail < 3) return 0;
        const m = b[pos + 2]!;
        const len = m >= 65 ? 4 : 3;
        if (avail < len) return 0;
        this.flushLine(false);
        this.job.cut = true;
        this.jobs.push(this.job);
        this.job = EscPosDecoder.emptyJob();
        return len;
      }
      case '(': {
        if (avail < 5) return 0;
        const len = 5 + u16(3);
        if (avail < len) return 0;
        const fn = String.fromCharCode(b[pos + 2]!);
        // GS ( k pL pH cn=49 fn=80 m=48 d1..dk: store QR code data
        if (fn === 'k' && b[pos + 5] === 49 && b[pos + 6] === 80) {
          const data = b.subarray(pos + 8, pos + len).toString('utf8');
          this.job.qr.push(data);
          this.job.qrSymbols.push({ data, moduleDots: this.qrModuleDots, level: this.qrLevel });
        }
        if (fn === 'k' && b[pos + 5] === 49 && b[pos + 6] === 67) this.qrModuleDots = b[pos + 7]!;
        if (fn === 'k' && b[pos + 5] === 49 && b[pos + 6] === 69) this.qrLevel = (['L', 'M', 'Q', 'H'] as const)[b[pos + 7]! - 48] ?? 'L';
        return len;
      }
      case '8': {
        // GS 8 L p1 p2 p3 p4 ...: large graphics data
        if (avail < 7) return 0;
        const len = 7 + (b[pos + 3]! | (b[pos + 4]! << 8) | (b[pos + 5]! << 16) | (b[pos + 6]! << 24));
        return need(len);
      }
      case 'v': {
        // GS v 0 m xL xH yL yH d...: raster image
        if (avail < 8) return 0;
        const x = b[pos + 4]! | (b[pos + 5]! << 8);
        const y = b[pos + 6]! | (b[pos + 7]! << 8);
        return need(8 + x * y);
      }
      case 'k': {
        if (avail < 4) return 0;
        const m = b[pos + 2]!;
        if (m >= 65) return need(4 + b[pos + 3]!);
        const end = b.indexOf(0, pos + 3);
        return end < 0 ? 0 : end - pos + 1;
      }
      case 'L': case 'W': case 'P':
        return need(4);
      case '!': case 'B': case 'a': case 'r': case 'h': case 'w': case 'H': case 'f': case 'b':
        return need(3);
      default:
        this.job.unknown.push(b.subarray(pos, pos + 2).toString('hex'));
        return 2;
    }
  }

  private flushLine(always: boolean): void {
    const text = this.line.replace(/\s+$/u, '');
    this.line = '';
    if (always || text) this.job.lines.push(text);
  }
}

export interface FakePrinterOptions {
  mode?: FakePrinterMode;
  /** 0 = any free port. */
  port?: number;
}

export class FakeEscposPrinter {
  mode: FakePrinterMode;
  /** Decoded jobs from all connections, in the order they ended. */
  readonly jobs: DecodedJob[] = [];
  /** Every DLE EOT n received (n values), for assertions. */
  readonly statusRequests: number[] = [];
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private waiters: Array<{ n: number; resolve: () => void }> = [];

  private constructor(
    private readonly server: Server,
    readonly port: number,
    mode: FakePrinterMode,
  ) {
    this.mode = mode;
  }

  static async start(opts: FakePrinterOptions = {}): Promise<FakeEscposPrinter> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const printer = new FakeEscposPrinter(server, address.port, opts.mode ?? 'ok');
    server.on('connection', (socket) => printer.accept(socket));
    return printer;
  }

  private accept(socket: Socket): void {
    this.connections++;
    this.sockets.add(socket);
    const decoder = new EscPosDecoder((n) => {
      this.statusRequests.push(n);
      const reply = statusReply(this.mode, n);
      if (reply !== null && !socket.destroyed) socket.write(Buffer.of(reply));
    });
    let taken = 0;
    const collect = () => {
      for (; taken < decoder.jobs.length; taken++) this.jobs.push(decoder.jobs[taken]!);
      this.waiters = this.waiters.filter((w) => (this.jobs.length >= w.n ? (w.resolve(), false) : true));
    };
    socket.on('data', (chunk) => {
      decoder.push(chunk);
      collect();
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.sockets.delete(socket);
      decoder.finish();
      collect();
    });
  }

  /** Resolves once at least `n` jobs were received. */
  waitForJobs(n: number): Promise<void> {
    if (this.jobs.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A port on 127.0.0.1 where nothing listens (for "connection refused"). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
