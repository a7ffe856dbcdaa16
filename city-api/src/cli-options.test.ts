import { describe, expect, it } from 'vitest';
import { parseChaosSpec } from './chaos';
import { parseSeedSpec } from './seed';
import { escapeIcsText, foldLine } from './ics-writer';

describe('city API command-line options', () => {
  it('parses --seed', () => {
    expect(parseSeedSpec('sample')).toEqual({ sample: true, synthetic: 0, syntheticSeed: 1 });
    expect(parseSeedSpec('synthetic:10000')).toEqual({ sample: false, synthetic: 10000, syntheticSeed: 1 });
    expect(parseSeedSpec('sample+synthetic:500:7')).toEqual({ sample: true, synthetic: 500, syntheticSeed: 7 });
    expect(() => parseSeedSpec('everything')).toThrow(/--seed/);
  });

  it('parses --chaos with rates, latency range and Retry-After; refuses unknown keys and bad rates', () => {
    expect(parseChaosSpec('seed=7,error500=0.1,cut=0.05,latencyMs=50-800,retryAfterS=2')).toEqual({
      seed: 7,
      rates: { error500: 0.1, cut: 0.05 },
      latencyMs: [50, 800],
      retryAfterS: 2,
    });
    const all = parseChaosSpec('');
    expect(Object.keys(all.rates!).sort()).toEqual(['cut', 'error500', 'latency', 'malformed', 'oversize', 'tooMany', 'unavailable']);
    expect(() => parseChaosSpec('explode=1')).toThrow(/unknown key/);
    expect(() => parseChaosSpec('cut=2')).toThrow(/between 0 and 1/);
  });
});

describe('iCalendar text', () => {
  it('escapes TEXT values and folds long lines at 75 octets without splitting characters', () => {
    expect(escapeIcsText('Kaffee, Kuchen; Gespräch\\Spiel\nzweite Zeile')).toBe('Kaffee\\, Kuchen\\; Gespräch\\\\Spiel\\nzweite Zeile');
    const line = `SUMMARY:${'Übung für Ältere – '.repeat(10)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
});
