import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../tests/fakes/fake-clock';
import { statsBodySchema, type StatsBody } from '../../../shared/schemas/city-api';
import { kioskConfigSchema } from '../../../shared/schemas/kiosk-config';
import { createConfigStore } from '../config/config-store';
import { silentLog } from '../log';
import { tempDb } from '../offers/test-db';
import { createStatsSender, classifyStatsReply, type StatsSendResult, type StatsTransport } from './stats-sender';
import { createUsageCounters, localDayAndHour, searchMissWord, type UsageCounters } from './usage-counters';

/** A fake city API that stores one body per day (like the reference server: replace on resend). */
class FakeStatsApi implements StatsTransport {
  stored = new Map<string, StatsBody>();
  requests: StatsBody[] = [];
  replies: StatsSendResult[] = [];
  async send(req: { body: StatsBody }): Promise<StatsSendResult> {
    this.requests.push(req.body);
    const r = this.replies.shift() ?? { kind: 'delivered', status: 204 };
    if (r.kind === 'delivered') this.stored.set(req.body.day, statsBodySchema.parse(req.body));
    return r;
  }
}

const session = { languages: ['de'], largeText: false, highContrast: false, speech: false, interestsViewed: [] };

let t: ReturnType<typeof tempDb>;
let clock: FakeClock;
let counters: UsageCounters;
let api: FakeStatsApi;
const config = createConfigStore(kioskConfigSchema.parse({ kioskId: 'rathaus', cityApi: { baseUrl: 'http://127.0.0.1:1/', token: 'tok' } }));
const makeSender = () =>
  createStatsSender({ counters, transport: api, config, clock, log: silentLog, version: '1.0.0', random: () => 0.5, timers: false });

beforeEach(() => {
  t = tempDb();
  clock = new FakeClock('2026-11-25T10:00:00Z'); // 11:00 in Siegburg
  counters = createUsageCounters(t.db, clock);
  api = new FakeStatsApi();
});
afterEach(() => t.cleanup());

describe('usage counters', () => {
  it('uses the local day and hour of Siegburg', () => {
    expect(localDayAndHour(new Date('2026-11-25T23:30:00Z'))).toEqual({ day: '2026-11-26', hour: '00' });
    expect(localDayAndHour(new Date('2026-07-01T21:59:00Z'))).toEqual({ day: '2026-07-01', hour: '23' });
  });

  it('keeps only one normalised word of letters as a search miss', () => {
    expect(searchMissWord('  Schach! ')).toBe('schach');
    expect(searchMissWord('Märchen')).toBe('marchen');
    expect(searchMissWord('Schach am Abend')).toBeNull();
    expect(searchMissWord('02241')).toBeNull();
    expect(searchMissWord('a')).toBeNull();
    expect(searchMissWord('x'.repeat(41))).toBeNull();
    expect(searchMissWord('x'.repeat(40))).toBe('x'.repeat(40));
  });

  it('counts sessions, interests, languages, settings, slips and wishes into the contract body', () => {
    counters.recordSession({ languages: ['de', 'tr', 'tr'], largeText: true, highContrast: false, speech: true, interestsViewed: [['sport', 'kultur'], ['sport']] });
    counters.recordSession({ ...session, highContrast: true });
    counters.recordSlipPrinted();
    counters.recordWishSent();
    counters.recordWishSent();
    expect(counters.bodyForDay('2026-11-25')).toEqual({
      day: '2026-11-25',
      sessions: 2,
      offers_viewed_by_interest: { sport: 2, kultur: 1 },
      slips_printed: 1,
      wishes_sent: 2,
      languages_used: { de: 2, tr: 1 },
      large_text_sessions: 1,
      high_contrast_sessions: 1,
      speech_sessions: 1,
      sessions_by_hour: { '11': 2 },
      searches_without_result: {},
    });
  });

  it('reports a search word only from 3 searches that day on this kiosk', () => {
    counters.recordSearchMiss('Schach');
    counters.recordSearchMiss('schach');
    counters.recordSearchMiss('Boule');
    expect(counters.bodyForDay('2026-11-25').searches_without_result).toEqual({});
    counters.recordSearchMiss('SCHACH');
    expect(counters.bodyForDay('2026-11-25').searches_without_result).toEqual({ schach: 3 });
    // The next day starts from zero: two more searches do not reach the threshold.
    clock.set('2026-11-26T10:00:00Z');
    counters.recordSearchMiss('boule');
    counters.recordSearchMiss('boule');
    expect(counters.bodyForDay('2026-11-26').searches_without_result).toEqual({});
  });
});

describe('stats sender', () => {
  it('sends a finished day once, not today (fake clock)', async () => {
    const sender = makeSender();
    counters.recordSession(session);
    await sender.runRound();
    expect(api.requests).toHaveLength(0); // the day is not over
    clock.set('2026-11-25T22:59:00Z'); // 23:59 local
    await sender.runRound();
    expect(api.requests).toHaveLength(0);
    clock.set('2026-11-25T23:30:00Z'); // 00:30 local next day
    counters.recordSession(session); // belongs to the 26th
    await sender.runRound();
    await sender.runRound();
    expect(api.requests.map((b) => b.day)).toEqual(['2026-11-25']);
    expect(api.stored.get('2026-11-25')?.sessions).toBe(1);
    clock.set('2026-11-27T00:30:00Z');
    await sender.runRound();
    expect(api.requests.map((b) => b.day)).toEqual(['2026-11-25', '2026-11-26']);
  });

  it('resends after failures with the same counters, never counting twice', async () => {
    const sender = makeSender();
    for (let i = 0; i < 3; i++) counters.recordSearchMiss('schach');
    counters.recordSession(session);
    clock.set('2026-11-26T08:00:00Z');
    api.replies.push({ kind: 'retry', status: 503, error: 'HTTP 503' }, { kind: 'retry', status: null, error: 'network: ECONNREFUSED' });
    await sender.runRound();
    expect(counters.dayState('2026-11-25')).toMatchObject({ attempts: 1, last_error: 'HTTP 503' });
    await sender.runRound(); // within the backoff: no attempt
    expect(api.requests).toHaveLength(1);
    clock.advance(60_000);
    await sender.runRound();
    expect(api.requests).toHaveLength(2);
    counters.recordSession(session); // today's, not yesterday's
    clock.advance(60 * 60_000);
    await sender.runRound();
    expect(api.requests).toHaveLength(3);
    expect(api.requests.map((b) => b.sessions)).toEqual([1, 1, 1]);
    expect(api.stored.get('2026-11-25')).toMatchObject({ sessions: 1, searches_without_result: { schach: 3 } });
    expect(counters.dayState('2026-11-25')).toMatchObject({ attempts: 0, last_error: null });
    await sender.runRound();
    expect(api.requests).toHaveLength(3);
  });

  it('send_stats sends today as well; later counters of today are sent again as the whole day', async () => {
    const sender = makeSender();
    counters.recordSession(session);
    expect((await sender.sendNow()).sent).toEqual(['2026-11-25']);
    await sender.sendNow();
    expect(api.requests).toHaveLength(1); // nothing new
    counters.recordSession(session);
    clock.set('2026-11-26T08:00:00Z');
    await sender.runRound();
    expect(api.requests.map((b) => b.sessions)).toEqual([1, 2]);
    expect(api.stored.get('2026-11-25')?.sessions).toBe(2);
  });

  it('does not retry a body the city API refused', async () => {
    const sender = makeSender();
    counters.recordSession(session);
    clock.set('2026-11-26T08:00:00Z');
    api.replies.push({ kind: 'rejected', status: 422, error: 'HTTP 422: bad' });
    await sender.runRound();
    clock.advance(3_600_000);
    await sender.runRound();
    expect(api.requests).toHaveLength(1);
    expect(counters.dayState('2026-11-25')?.last_error).toBe('HTTP 422: bad');
  });

  it('classifies replies', () => {
    const now = new Date();
    expect(classifyStatsReply(204, '', null, now).kind).toBe('delivered');
    expect(classifyStatsReply(422, '{"error":"x"}', null, now)).toEqual({ kind: 'rejected', status: 422, error: 'HTTP 422: x' });
    expect(classifyStatsReply(503, '', '7', now)).toMatchObject({ kind: 'retry', retryAfterMs: 7000 });
    expect(classifyStatsReply(401, '', null, now).kind).toBe('retry');
  });
});
