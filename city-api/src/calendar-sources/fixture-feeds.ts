/**
 * Test-only: the feed fixtures (fixtures/*.ics, *.html) served by a club's web server on 127.0.0.1 for the
 * calendar tests on both backends. /broken.ics answers 500, a name without a fixture 404.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import type { ImportedOccurrence } from './parse-feed';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/**
 * The day the fixtures are written around (their events run from November 2026 into 2027): every test that imports
 * them through a clock uses this one, so the counts do not change as the real date passes the fixtures' events.
 */
export const FIXTURE_NOW = new Date('2026-12-02T08:00:00Z');

/** Answers with the fixture `name` (an .html page or a calendar), or 404 when there is none. */
export function sendFixtureFeed(res: ServerResponse, name: string): void {
  let body: Buffer;
  try {
    body = readFileSync(join(FIXTURES, name));
  } catch {
    return void res.writeHead(404).end();
  }
  res.writeHead(200, { 'content-type': name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/calendar' }).end(body);
}

export interface FixtureFeeds {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** 127.0.0.1:<port> (for webcal:// addresses) */
  host: string;
  close(): Promise<void>;
}

export async function fixtureFeeds(): Promise<FixtureFeeds> {
  const server = createServer((req, res) => {
    const name = basename((req.url ?? '/').split('?')[0]!);
    if (name === 'broken.ics') return void res.writeHead(500).end('kaputt');
    sendFixtureFeed(res, name);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin: `http://${host}`,
    host,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** An imported single (not recurring) occurrence as a feed's reader hands it to the storage. */
export const importedOccurrence = (uid: string, summary: string, extra: Partial<ImportedOccurrence> = {}): ImportedOccurrence => ({
  uid,
  recurrenceId: '',
  start: '2026-12-03T18:00:00.000Z',
  end: null,
  allDay: false,
  startDate: null,
  endDate: null,
  summary,
  description: null,
  location: null,
  ...extra,
});
