import { describe, expect, it } from 'vitest';
import { EscPosDecoder } from '../../../tests/fakes/fake-escpos-printer';
import { slipToEscPos, slipToLines, slipToReceiptline, wrapText, type SlipBlock } from './slip-layout';

const decode = (bytes: Uint8Array) => {
  const d = new EscPosDecoder();
  d.push(Buffer.from(bytes));
  d.finish();
  return d.jobs;
};

describe('slip layout', () => {
  it('wraps at spaces and breaks only words longer than a line', () => {
    expect(wrapText('jeden Dienstag, 14 bis 16 Uhr', 15)).toEqual(['jeden Dienstag,', '14 bis 16 Uhr']);
    expect(wrapText('https://example.org/ein/langer/pfad', 12)).toEqual(['https://exam', 'ple.org/ein/', 'langer/pfad']);
    expect(wrapText('', 10)).toEqual(['']);
  });

  it('escapes receiptline markup in data so it prints literally', () => {
    const doc = slipToReceiptline([{ kind: 'text', text: 'a|b {c} _d_ "e" `f` ^g^ ~h = -' }], 42);
    expect(doc).toBe('|a\\|b \\{c\\} \\_d\\_ \\"e\\" \\`f\\` \\^g\\^ \\~h \\= \\-\n');
    const job = decode(slipToEscPos([{ kind: 'text', text: 'a|b {c} _d_ "e" `f` ^g^ ~h = -' }], { charsPerLine: 42 }))[0]!;
    expect(job.lines[0]).toBe('a|b {c} _d_ "e" `f` ^g^ ~h = -');
  });

  it('prints the heading in double size within half the line width', () => {
    const blocks: SlipBlock[] = [{ kind: 'heading', text: 'Gemeinschaftsgarten Cecilienstraße und mehr' }];
    const job = decode(slipToEscPos(blocks, { charsPerLine: 42 }))[0]!;
    expect(job.lines.slice(0, 3)).toEqual(['Gemeinschaftsgarten', 'Cecilienstraße und', 'mehr']);
    expect(job.lines.every((l) => l.length <= 21)).toBe(true);
  });

  it('sends the QR code as data (GS ( k) and cuts at the end without asking for GS r status', () => {
    const bytes = Buffer.from(slipToEscPos([{ kind: 'qr', data: 'https://example.org/a;b' }], { charsPerLine: 48 }));
    const job = decode(bytes)[0]!;
    expect(job.qr).toEqual(['https://example.org/a;b']);
    expect(job.cut).toBe(true);
    expect(bytes.includes(Buffer.from('\x1dr1', 'latin1'))).toBe(false);
    expect(bytes.subarray(-4).toString('latin1')).toBe('\x1dVB\x00');
  });

  it('previews the same lines without rules and QR codes', () => {
    const blocks: SlipBlock[] = [{ kind: 'heading', text: 'T' }, { kind: 'rule' }, { kind: 'text', text: 'x' }, { kind: 'space' }, { kind: 'qr', data: 'q' }];
    expect(slipToLines(blocks)).toEqual(['T', 'x', '']);
  });
});
