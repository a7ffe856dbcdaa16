import type { StaffStatus } from '../../../shared/contract/fleet';

/** No successful sync for longer than this: the staff screen warns (issue 14). */
export const STALE_AFTER_MIN = 24 * 60;

/**
 * The staff screen's "no successful sync for more than 24 hours" warning: only with a city API configured, not while
 * a first sync is collecting its pages (its own progress is shown), and also when there never was a successful sync.
 * The age comes from the kiosk (its own clock, `sync.dataAgeS`), not from the screen's clock.
 */
export function dataIsStale(s: Pick<StaffStatus, 'cityApi' | 'sync'>): boolean {
  if (!s.cityApi.configured || s.sync?.progress?.firstSync) return false;
  const ageS = s.sync?.dataAgeS;
  return typeof ageS !== 'number' || Math.floor(ageS / 60) > STALE_AFTER_MIN;
}
