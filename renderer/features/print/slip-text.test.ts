import { describe, expect, it } from 'vitest';
import { slipText } from './slip-text';

describe('slip text for the on-screen QR code', () => {
  it('joins the lines and stops at a line end before 400 characters', () => {
    const lines = ['Kulturcafé', 'jeden Sonntag, 14:00 bis 17:00 Uhr', ...Array.from({ length: 40 }, (_, i) => `Zeile ${i} mit etwas Text`)];
    const text = slipText(lines);
    expect(text.startsWith('Kulturcafé\njeden Sonntag, 14:00 bis 17:00 Uhr\n')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(400);
    expect(lines).toContain(text.split('\n').at(-1));
  });
  it('cuts a single overlong first line', () => {
    expect(slipText(['x'.repeat(1000)])).toHaveLength(400);
  });
});
