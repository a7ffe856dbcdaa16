/** For tests: logs in on the staff page like a browser and returns the cookies to send and a page's CSRF token. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export const setCookies = (r: { headers: Record<string, unknown> }): string[] => {
  const h = r.headers['set-cookie'];
  return Array.isArray(h) ? (h as string[]) : typeof h === 'string' ? [h] : [];
};
/** name=value pairs of the Set-Cookie headers, merged over an existing Cookie header. */
export function mergeCookies(cookie: string, r: { headers: Record<string, unknown> }): string {
  const jar = new Map(cookie.split(/;\s*/).filter(Boolean).map((c) => [c.slice(0, c.indexOf('=')), c] as const));
  for (const c of setCookies(r)) {
    const pair = c.split(';')[0]!;
    jar.set(pair.slice(0, pair.indexOf('=')), pair);
  }
  return [...jar.values()].join('; ');
}
export const csrfIn = (html: string): string | undefined => /name="csrf" value="([^"]+)"/.exec(html)?.[1];

export interface StaffLogin {
  /** Cookie header: session + CSRF secret. */
  cookie: string;
  /** CSRF token of a page of this session. */
  csrf: string;
  /** The login answer (Set-Cookie attributes). */
  loginResponse: LightMyRequestResponse;
}

/** `name`: the staff account's name (issue 19); without it the shared password's login form (no accounts yet). */
export async function staffLogin(app: FastifyInstance, password: string, page = '/staff/offers', name?: string): Promise<StaffLogin> {
  const loginPage = await app.inject({ url: '/staff/login' });
  let cookie = mergeCookies('', loginPage);
  const loginResponse = await app.inject({
    method: 'POST',
    url: '/staff/login',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ csrf: csrfIn(loginPage.body) ?? '', password, ...(name === undefined ? {} : { name }) }).toString(),
  });
  if (loginResponse.statusCode !== 303) throw new Error(`staff login failed: ${loginResponse.statusCode}`);
  cookie = mergeCookies(cookie, loginResponse);
  const p = await app.inject({ url: page, headers: { cookie } });
  cookie = mergeCookies(cookie, p);
  return { cookie, csrf: csrfIn(p.body)!, loginResponse };
}

/** Headers of a posted staff form. */
export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** A staff form body; arrays become repeated fields (checkboxes). */
export const form = (o: Record<string, string | string[]>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};
/** A complete, valid offer of the staff offer form (without its csrf field). */
export const STAFF_OFFER_FORM = {
  id: 'boule-treff',
  status: 'active',
  title: 'Boule am Siegufer',
  summary: 'Boule spielen für alle.',
  description: 'Jeden Donnerstag am Siegufer. Kugeln sind vorhanden.',
  org_name: 'Boulefreunde Siegburg',
  interests: ['bewegung', 'treffen'],
  age_groups: ['alle'],
  district: 'innenstadt',
  loc_name: 'Siegufer',
  loc_street: 'Uferweg 1',
  loc_postal: '53721',
  loc_city: 'Siegburg',
  loc_lat: '50,7931',
  loc_lon: '7.2101',
  loc_wheelchair: 'partial',
  schedules_json: '[{"freq":"weekly","byday":["TH"],"opens_at":"16:00","closes_at":"18:00"}]',
  cost_free: 'on',
};
