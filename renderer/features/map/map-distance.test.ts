import { describe, expect, it } from 'vitest';
import { distanceWords } from './map-distance';

const t = (key: string, vars: Record<string, string>) => `${key}:${Object.values(vars).join()}`;

describe('distance words on the map card', () => {
  it('uses metres below one kilometre, rounded to 50', () => {
    expect(distanceWords(0.012, 'de', t)).toBe('distanceM:50');
    expect(distanceWords(0.337, 'de', t)).toBe('distanceM:350');
  });
  it('uses kilometres with the language’s decimal sign', () => {
    expect(distanceWords(1.24, 'de', t)).toBe('distanceKm:1,2');
    expect(distanceWords(1.24, 'en', t)).toBe('distanceKm:1.2');
    expect(distanceWords(12.3, 'de-LS', t)).toBe('distanceKm:12,3');
    expect(distanceWords(2.5, 'ar', t)).toBe('distanceKm:2.5');
  });
  it('says nothing without a distance', () => {
    expect(distanceWords(null, 'de', t)).toBeNull();
    expect(distanceWords(Number.NaN, 'de', t)).toBeNull();
  });
});
