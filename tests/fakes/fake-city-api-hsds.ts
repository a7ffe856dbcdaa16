import Fastify, { type FastifyInstance } from 'fastify';

/**
 * A small Open Referral HSDS 3.0 API for tests: GET /services?page=&per_page= returning the HSDS Page
 * object ({ total_items, total_pages, page_number, size, first_page, last_page, empty, contents }) with
 * fully nested services.
 */

export const HSDS_SERVICES: Record<string, unknown>[] = [
  {
    id: 'hsds-erzaehlcafe',
    name: 'Erzählcafé im Stadtteilhaus',
    alternate_name: null,
    description: 'Bei Kaffee und Kuchen erzählen Ältere und Jüngere aus ihrem Leben. Jede und jeder ist willkommen.',
    url: 'https://example.org/erzaehlcafe',
    email: 'cafe@example.org',
    status: 'active',
    fees_description: null,
    application_process: 'Keine Anmeldung nötig',
    last_modified: '2026-11-10T12:00:00Z',
    organization: { id: 'org-1', name: 'Stadtteilhaus Deichhaus e. V.', website: 'https://example.org/stadtteilhaus', email: 'info@example.org' },
    phones: [{ id: 'ph-1', number: '+49 221 4710 123' }],
    contacts: [{ id: 'c-1', name: 'Frau Beispiel' }],
    languages: [{ id: 'l-1', code: 'de', name: 'Deutsch' }, { id: 'l-2', code: 'tr', name: 'Türkçe' }],
    cost_options: [],
    schedules: [
      { id: 's-1', freq: 'WEEKLY', byday: 'TU,TH', opens_at: '15:00:00', closes_at: '17:00:00', valid_from: '2026-01-01', description: 'außer in den Ferien' },
    ],
    service_at_locations: [
      {
        id: 'sal-1',
        location: {
          id: 'loc-1',
          name: 'Stadtteilhaus Deichhaus',
          latitude: 50.7901,
          longitude: 7.2153,
          transportation: 'Bus 501, Haltestelle Deichhaus',
          addresses: [{ id: 'a-1', address_1: 'Deichstraße 5', city: 'Siegburg', postal_code: '53721', address_type: 'physical' }],
          accessibility: [{ id: 'acc-1', description: 'Eingang stufenlos, rollstuhlgerechtes WC' }],
        },
      },
    ],
    attributes: [
      { id: 'at-1', taxonomy_term: { id: 'tt-1', code: 'treffen', name: 'Treffen & Geselligkeit', taxonomy: 'gemeinsam-interessen' } },
      { id: 'at-2', taxonomy_term: { id: 'tt-2', code: 'senioren', name: 'Seniorinnen und Senioren', taxonomy: 'age_group' } },
    ],
  },
  {
    id: 'hsds-skatrunde',
    name: 'Skatrunde',
    description: 'Monatliche Skatrunde für Anfänger und Fortgeschrittene.',
    status: 'temporarily closed',
    fees_description: '2 € Kostenbeitrag',
    cost_options: [{ id: 'co-1', amount: 2, option: 'pro Abend' }],
    organization: { id: 'org-2', name: 'Skatfreunde Siegburg' },
    schedules: [{ id: 's-2', freq: 'MONTHLY', byday: '2WE', opens_at: '19:00', closes_at: '22:00' }],
    attributes: [{ id: 'at-3', taxonomy_term: { id: 'tt-3', code: 'spielen', name: 'Spielen', taxonomy: 'gemeinsam-interessen' } }],
  },
  {
    id: 'hsds-bad-markup',
    name: '<b>Gratis!</b> Klick hier',
    description: 'Werbung',
    status: 'active',
    organization: { id: 'org-3', name: 'Spam' },
  },
  {
    id: 'hsds-fahrdienst',
    name: 'Fahrdienst zum Arzt',
    description: 'Ehrenamtliche fahren ältere Menschen zu Arztterminen. Nach Absprache.',
    status: 'active',
    application_process: 'Bitte zwei Tage vorher anrufen.',
    organization: { id: 'org-4', name: 'Nachbarschaftshilfe Kaldauen' },
    schedules: [{ id: 's-3', description: 'nach Vereinbarung' }],
    attributes: [{ id: 'at-4', taxonomy_term: { id: 'tt-4', code: 'ausfluege', name: 'Ausflüge & Mobilität', taxonomy: 'gemeinsam-interessen' } }],
    service_at_locations: [],
  },
];

export interface FakeHsds {
  url: string;
  services: Record<string, unknown>[];
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeHsds(services = structuredClone(HSDS_SERVICES), opts: { token?: string } = {}): Promise<FakeHsds> {
  const app: FastifyInstance = Fastify();
  const state: FakeHsds = { url: '', services, requests: [], close: () => app.close() };
  app.get<{ Querystring: { page?: string; per_page?: string } }>('/services', async (req, reply) => {
    state.requests.push(req.url);
    if (opts.token && req.headers.authorization !== `Bearer ${opts.token}`) return reply.code(401).send({ error: 'unauthorized' });
    const size = Math.max(1, Math.min(100, Number(req.query.per_page ?? 10)));
    const page = Math.max(1, Number(req.query.page ?? 1));
    const total = state.services.length;
    const totalPages = Math.max(1, Math.ceil(total / size));
    const contents = state.services.slice((page - 1) * size, page * size);
    return {
      total_items: total,
      total_pages: totalPages,
      page_number: page,
      size,
      first_page: page === 1,
      last_page: page >= totalPages,
      empty: contents.length === 0,
      contents,
    };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  state.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  return state;
}
