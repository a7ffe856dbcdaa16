/**
 * The public page cache (page-cache.ts, issue 19 load goal): one rendering per page and catalog version, a new one
 * after any change of the version, ETag + 304; and on both backends through the real server: an offer change is on
 * the very next request of its page, the list and the Atom feed.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Offer } from '../../../shared/schemas/offer';
import { STORAGE_BACKENDS } from '../../../tests/support/storage-backends';
import { backendApp } from '../../../tests/support/backend-app';
import { pageKey, registerPageCache } from './page-cache';

describe('page cache (routes of a test app)', () => {
  let version = 'v1';
  let renders = 0;
  let app: FastifyInstance;
  let stats: ReturnType<typeof registerPageCache>;
  beforeEach(() => {
    version = 'v1';
    renders = 0;
    app = Fastify();
    stats = registerPageCache(app, { storage: { catalogVersion: async () => version } });
    app.get('/angebote', async (req, reply) => {
      renders++;
      return reply.type('text/html; charset=utf-8').header('x-page', 'list').send(`list ${version} ${JSON.stringify(req.query)} #${renders}`);
    });
    app.get<{ Params: { id: string } }>('/angebote/:id', async (req, reply) => {
      renders++;
      if (req.params.id === 'missing') return reply.code(404).send('not found');
      return reply.type('text/html; charset=utf-8').send(`offer ${req.params.id} #${renders}`);
    });
    app.get('/wuensche/neu', async () => `form #${++renders}`);
  });
  afterEach(() => app.close());

  it('renders a page once per version; the same filters in another order or spelling are the same page', async () => {
    const a = await app.inject('/angebote?q=Schach&seite=2&kostenlos=1');
    const b = await app.inject('/angebote?kostenlos=1&seite=2&q=Schach&unknown=x');
    expect(a.statusCode).toBe(200);
    expect(b.body).toBe(a.body);
    expect(renders).toBe(1);
    // headers of the route are replayed with the body
    expect(b.headers['x-page']).toBe('list');
    expect(b.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(stats).toMatchObject({ hits: 1, misses: 1 });
    // another filter, another language, another offer: another page
    await app.inject('/angebote?q=Schach&seite=3&kostenlos=1');
    await app.inject('/angebote?q=Schach&seite=2&kostenlos=1&lang=en');
    await app.inject('/angebote/o1');
    await app.inject('/angebote/o2');
    expect(renders).toBe(5);
  });

  it('renders again once the catalog version changes (an offer, event or taxonomy change)', async () => {
    const before = await app.inject('/angebote/o1');
    version = 'v2';
    const after = await app.inject('/angebote/o1');
    expect(renders).toBe(2);
    expect(after.body).not.toBe(before.body);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    // the old ETag is no longer current: the whole page again
    const stale = await app.inject({ url: '/angebote/o1', headers: { 'if-none-match': String(before.headers.etag) } });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(after.body);
  });

  it('answers 304 without a body to the current ETag, on the first and on later requests', async () => {
    const first = await app.inject('/angebote');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await app.inject({ url: '/angebote', headers: { 'if-none-match': `W/"x", ${etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    // a version change with a client that still has the page in its cache: 304 on the miss too (same body)
    version = 'v2';
    const miss = await app.inject({ url: '/angebote/o9', headers: { 'if-none-match': '"nope"' } });
    const missAgain = await app.inject({ url: '/angebote/o9', headers: { 'if-none-match': String(miss.headers.etag) } });
    expect(missAgain.statusCode).toBe(304);
    expect(stats.notModified).toBe(2);
  });

  it('keeps neither errors nor pages outside the list (the wish form carries a token per form)', async () => {
    await app.inject('/angebote/missing');
    await app.inject('/angebote/missing');
    await app.inject('/wuensche/neu');
    await app.inject('/wuensche/neu');
    expect(renders).toBe(4);
    expect(pageKey('/wuensche/neu', {}, {})).toBeNull();
    expect((await app.inject({ method: 'POST', url: '/angebote' })).statusCode).toBe(404);
  });
});

describe.each(STORAGE_BACKENDS)('page cache on $name: an offer change is on the next request', (backend) => {
  const api = backendApp(backend, { server: { publicUrl: 'https://angebote.siegburg.example' } });

  it('offer page, list, search and Atom feed show the new title at once; the old ETag gets the new page', async () => {
    const id = [...(await api.storage.publishedOffers()).keys()].find((k) => k.startsWith('sample-'))!;
    const offer = (await api.storage.getStoredOffer(id))!.offer as Offer;
    const paths = [`/angebote/${id}`, '/angebote?q=Zebrastreifenkonzert', '/feeds/offers.atom', '/angebote?seite=1'];
    const before = await Promise.all(paths.map((url) => api.app.inject(url)));
    for (const r of before) expect(r.statusCode).toBe(200);
    expect(before[1]!.body).not.toContain('Zebrastreifenkonzert am Markt');
    const cached = await api.app.inject({ url: paths[0]!, headers: { 'if-none-match': String(before[0]!.headers.etag) } });
    expect(cached.statusCode).toBe(304);

    await api.storage.putOffers([{ ...offer, title: 'Zebrastreifenkonzert am Markt' }]);
    const after = await Promise.all(paths.map((url) => api.app.inject({ url, headers: { 'if-none-match': String(before[0]!.headers.etag) } })));
    expect(after[0]!.statusCode).toBe(200);
    expect(after[0]!.body).toContain('Zebrastreifenkonzert am Markt');
    expect(after[1]!.body).toContain('Zebrastreifenkonzert am Markt');
    expect(after[2]!.body).toContain('Zebrastreifenkonzert am Markt');

    // hidden: gone from its page and the list on the next request
    await api.storage.setOfferState(id, 'hidden');
    expect((await api.app.inject(paths[0]!)).statusCode).toBe(404);
    expect((await api.app.inject(paths[1]!)).body).not.toContain('Zebrastreifenkonzert am Markt');
  });
});
