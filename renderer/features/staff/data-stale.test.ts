import { describe, expect, it } from 'vitest';
import type { StaffStatus } from '../../../shared/contract/fleet';
import { dataIsStale, STALE_AFTER_MIN } from './data-stale';

const H = 3600;
const status = (sync: Partial<NonNullable<StaffStatus['sync']>> | null, configured = true): Pick<StaffStatus, 'cityApi' | 'sync'> => ({
  cityApi: { configured, baseUrl: configured ? 'https://stadt.example' : null, registered: configured },
  sync: sync === null ? null : { state: 'ok', detail: '', lastSyncAt: '2026-11-25T10:00:00Z', dataAgeS: 0, progress: null, ...sync },
});

describe('staff warning after 24 h without a successful sync (issue 14)', () => {
  it('warns only once the data is more than 24 hours old', () => {
    expect(STALE_AFTER_MIN).toBe(24 * 60);
    expect(dataIsStale(status({ dataAgeS: 0 }))).toBe(false);
    expect(dataIsStale(status({ dataAgeS: 23 * H }))).toBe(false);
    expect(dataIsStale(status({ dataAgeS: 24 * H + 59 }))).toBe(false);
    expect(dataIsStale(status({ dataAgeS: 24 * H + 60 }))).toBe(true);
    expect(dataIsStale(status({ dataAgeS: 72 * H }))).toBe(true);
  });

  it('warns when there never was a successful sync, but not without a city API nor during the first sync', () => {
    expect(dataIsStale(status({ dataAgeS: null, lastSyncAt: null }))).toBe(true);
    expect(dataIsStale(status(null))).toBe(true);
    expect(dataIsStale(status({ dataAgeS: null }, false))).toBe(false);
    const collecting = { phase: 'offers', firstSync: true, pages: 3, offers: 1500 } as unknown as NonNullable<StaffStatus['sync']>['progress'];
    expect(dataIsStale(status({ dataAgeS: null, progress: collecting }))).toBe(false);
  });
});
