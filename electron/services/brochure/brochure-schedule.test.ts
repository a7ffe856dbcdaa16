import { describe, expect, it } from 'vitest';
import { SIEGBURG_SAMPLE_OFFERS, SIEGBURG_TAXONOMY } from '../../../shared/sample-data';
import { scheduleText } from '../../../shared/logic/schedule-text';
import type { Offer } from '../../../shared/schemas/offer';
import { brochureHtml } from './brochure-html';

describe('brochure schedules (issue 20)', () => {
  it('says each schedule with the shared German sentence and its note', () => {
    const offer: Offer = {
      ...SIEGBURG_SAMPLE_OFFERS[0]!,
      schedules: [
        { freq: 'weekly', byday: ['TU'], interval: 2, dtstart: '2026-11-24', opens_at: '15:00', note: 'im Keller' },
        { freq: 'monthly', bymonthday: [1, -1] },
        { freq: 'monthly', byday: ['FR'], bymonthday: [13], opens_at: '19:00' },
        { freq: 'once', date: '2027-06-05', opens_at: '11:00', closes_at: '15:00' },
      ],
    };
    const html = brochureHtml({ offers: [offer], taxonomy: SIEGBURG_TAXONOMY }, { now: new Date('2026-11-25T10:00:00Z'), place: 'Rathaus' });
    const when = /<dt>Wann<\/dt><dd>([\s\S]*?)<\/dd>/.exec(html)?.[1];
    expect(when?.split('<br>')).toEqual([
      'alle 2 Wochen am Dienstag, 15 Uhr (im Keller)',
      'am 1. und letzten Tag jedes Monats',
      'am 13. jedes Monats, wenn es ein Freitag ist, 19 Uhr',
      'am Samstag, 5. Juni 2027, 11 bis 15 Uhr',
    ]);
    expect(when).toContain(scheduleText(offer.schedules[2]!, 'de'));
  });
});
