import { describe, expect, it } from 'vitest';
import { parseChaosSpec } from './chaos';
import { parseSeedSpec } from './seed';
import { buildCalendar, icsText } from './ics-writer';

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
  it('escapes TEXT values through ical.js and folds long lines at 75 octets without splitting characters', () => {
    expect(icsText('a\r\nb\rc\u0000d\u2028e')).toBe('a\nb\ncd\ne');
    const summary = 'Übung für Ältere – '.repeat(10);
    const ics = buildCalendar(
      [{ uid: 'u1', summary: `${summary}Kaffee, Kuchen; Gespräch\\Spiel\nzweite Zeile`, all_day: false, dtstart: '2026-10-13T18:00', tzid: 'Europe/Berlin', exdates: [], overrides: [], updated_at: '2026-10-01T00:00:00.000Z' }],
      new Date('2026-10-01T00:00:00Z'),
    );
    const lines = ics.split('\r\n');
    for (const l of lines) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    const start = lines.findIndex((l) => l.startsWith('SUMMARY:'));
    let unfolded = lines[start]!;
    for (let i = start + 1; lines[i]!.startsWith(' '); i++) unfolded += lines[i]!.slice(1);
    expect(unfolded).toBe(`SUMMARY:${summary}Kaffee\\, Kuchen\\; Gespräch\\\\Spiel\\nzweite Zeile`);
  });
});
