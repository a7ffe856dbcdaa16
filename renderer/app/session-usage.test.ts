import { describe, expect, it } from 'vitest';
import type { SessionSummaryInput } from '../../shared/contract/usage';
import { createSessionTracker } from './session-usage';

describe('session usage tracker (issue 18)', () => {
  it('reports one session with languages, settings, speech and opened offers at its end, then starts afresh', () => {
    const sent: SessionSummaryInput[] = [];
    const t = createSessionTracker((s) => sent.push(s));
    t.observe({ language: 'de' });
    t.end(); // nobody touched the kiosk: no session
    expect(sent).toEqual([]);

    t.observe({ screen: { name: 'start' } });
    t.observe({ language: 'tr', textSize: 'normal', contrast: 'default' });
    t.observe({ screen: { name: 'detail', params: { id: 'offer-1' } } });
    t.observe({ screen: { name: 'detail', params: { id: 'offer-1' } } });
    t.observe({ textSize: 'large', contrast: 'high', language: 'tr' });
    t.observe({ speaking: true });
    t.end();
    expect(sent).toEqual([{ languages: ['de', 'tr'], largeText: true, highContrast: true, speech: true, viewedOfferIds: ['offer-1'] }]);

    // The stores' reset (default language, attract) does not start the next session by itself.
    t.observe({ language: 'de', textSize: 'normal', contrast: 'default' });
    t.observe({ screen: { name: 'attract' } });
    t.end();
    expect(sent).toHaveLength(1);
  });

  it('does not count a staff session', () => {
    const sent: SessionSummaryInput[] = [];
    const t = createSessionTracker((s) => sent.push(s));
    t.observe({ screen: { name: 'start' } });
    t.observe({ screen: { name: 'staff' } });
    t.end();
    expect(sent).toEqual([]);
  });
});
