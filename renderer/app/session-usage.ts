import type { SessionSummaryInput } from '../../shared/contract/usage';

/**
 * What one visitor session used, for the anonymous daily counters (issue 18): languages, text size, contrast,
 * read-aloud and the offers opened. Only flags and offer ids — no texts, no times, no session id. Reported once
 * when the session ends (idle reset or "Start" again); a staff session is not counted.
 */
export interface SessionObservation {
  screen?: { name: string; params?: Record<string, string> };
  language?: string;
  textSize?: string;
  contrast?: string;
  speaking?: boolean;
}

export function createSessionTracker(report: (s: SessionSummaryInput) => void) {
  let active = false;
  let staff = false;
  let languages = new Set<string>();
  let largeText = false;
  let highContrast = false;
  let speech = false;
  let viewed = new Set<string>();
  let language = '';

  const clear = () => {
    active = false;
    staff = false;
    languages = new Set();
    largeText = highContrast = speech = false;
    viewed = new Set();
  };

  return {
    observe(o: SessionObservation): void {
      if (o.language !== undefined) language = o.language;
      if (o.screen && o.screen.name !== 'attract') active = true;
      if (!active) return;
      if (o.screen?.name === 'staff') staff = true;
      if (o.screen?.name === 'detail' && o.screen.params?.id && viewed.size < 200) viewed.add(o.screen.params.id);
      if (language && languages.size < 10) languages.add(language);
      if (o.textSize !== undefined && o.textSize !== 'normal') largeText = true;
      if (o.contrast === 'high') highContrast = true;
      if (o.speaking) speech = true;
    },
    /** The session ends: reports it (when there was one) and starts afresh. Call before the stores reset. */
    end(): void {
      if (active && !staff) report({ languages: [...languages] as SessionSummaryInput['languages'], largeText, highContrast, speech, viewedOfferIds: [...viewed] });
      clear();
    },
  };
}
