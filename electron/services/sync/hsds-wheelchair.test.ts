import { describe, expect, it } from 'vitest';
import { wheelchairFromAccessibility } from './hsds-client';

describe('wheelchair access from HSDS accessibility text', () => {
  it.each([
    ['Rollstuhlgerecht, Notausgang hinten', 'yes'],
    ['Barrierefrei über den Nordeingang', 'yes'],
    ['wheelchair accessible, nothing else to note', 'yes'],
    ['Aufzug vorhanden', 'yes'],
    ['Kein Aufzug, 12 Stufen', 'no'],
    ['nicht barrierefrei', 'no'],
    ['not wheelchair accessible', 'no'],
    ['No wheelchair access', 'no'],
    ['Rollstuhl: teilweise (Toilette nicht barrierefrei)', 'partial'],
    ['limited wheelchair access', 'partial'],
    ['Notausgang im Erdgeschoss', 'unknown'],
    ['', 'unknown'],
  ] as const)('%s → %s', (text, expected) => {
    expect(wheelchairFromAccessibility(text)).toBe(expected);
  });
});
