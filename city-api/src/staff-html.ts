/** Server-rendered HTML for the staff page. Every dynamic value goes through `esc`. */
import type { StaffRole } from './storage/staff-accounts';
import { leastRoleFor, roleAtLeast } from './staff/staff-roles';
import { townCheckFor } from './staff/town-scope';

export function esc(v: unknown): string {
  return String(v ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Tagged template: interpolations are escaped unless wrapped in `raw()`. */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string) => new Raw(html);
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const part = Array.isArray(v) ? v.map((x) => (x instanceof Raw ? x.html : esc(x))).join('') : v instanceof Raw ? v.html : esc(v);
    out += part + (strings[i + 1] ?? '');
  });
  return new Raw(out);
}

export const STAFF_CSS = `
body{font-family:system-ui,sans-serif;margin:0;color:#111;background:#f6f6f4;font-size:17px;line-height:1.45}
header{background:#0b4f6c;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
header a{color:#fff;font-weight:600}
header form{margin-left:auto}
main{padding:1.2rem;max-width:72rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #ccc;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#e8eef1}
label{display:block;margin:.6rem 0 .2rem;font-weight:600}
input[type=text],input[type=password],input[type=number],input[type=email],input[type=url],textarea,select{width:100%;max-width:40rem;padding:.4rem;font-size:1rem;box-sizing:border-box}
textarea{min-height:6rem}
fieldset{max-width:40rem;margin:.8rem 0}
.inline{display:inline}
.checks label{display:inline-block;font-weight:400;margin-right:1rem}
button{font-size:1rem;padding:.35rem .9rem;cursor:pointer}
.errors{background:#fde8e8;border:2px solid #b00020;padding:.6rem 1rem;max-width:40rem}
.note{color:#444}
.state-hidden{color:#777}
.pair{display:flex;flex-wrap:wrap;gap:0 2rem;align-items:flex-start}
.pair>.tables{flex:1 1 24rem;min-width:0;max-width:100%}
.chart{max-width:100%}
.chart svg{display:block;max-width:100%;height:auto}
.chart.wide{overflow-x:auto}
.chart.wide svg{max-width:none}
.table-wrap{max-width:100%;margin:.4rem 0 1.2rem}
.table-wrap.wide{overflow-x:auto}
.table-wrap table{width:auto;min-width:min(24rem,100%)}
.table-wrap caption{text-align:left;font-weight:600;padding:.3rem 0}
.table-wrap td{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap td[colspan]{text-align:left}
header .town{background:#fff;color:#0b4f6c;border-radius:.3rem;padding:.05rem .5rem;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(19rem,100%),1fr));gap:1rem;margin:.6rem 0 1.2rem}
.card{background:#fff;border:1px solid #ccc;border-radius:.4rem;padding:.6rem 1rem;max-width:40rem}
.card h3{margin:.2rem 0 .4rem;overflow-wrap:anywhere}
.card.disabled{border-left:.5rem solid #b00020;background:#fbf3f3}
.card dl{display:grid;grid-template-columns:auto 1fr;gap:.15rem .8rem;margin:0 0 .6rem}
.card dt{font-weight:600}
.card dd{margin:0}
.card button,.card select,.card input{min-height:2.75rem}
details summary{cursor:pointer;font-weight:600;padding:.5rem 0;min-height:1.75rem}
.notice{background:#e7f4ea;border:2px solid #1d6b35;padding:.6rem 1rem;max-width:40rem}
code.password{font-size:1.3rem;background:#fff;border:1px solid #1d6b35;padding:.1rem .4rem;white-space:nowrap;user-select:all}
`;

const NAV: readonly [href: string, label: string][] = [
  ['/staff/offers', 'Angebote'],
  ['/staff/submissions', 'Einreichungen'],
  ['/staff/wishes', 'Wünsche'],
  ['/staff/kiosks', 'Kiosks'],
  ['/staff/calendars', 'Kalender'],
  ['/staff/bedarf', 'Bedarf'],
  ['/staff/accounts', 'Konten'],
];

/**
 * `role` (a staff account's, issue 19): only the pages that role may open (staff/staff-roles.ts); none = all.
 * `town` (a town account's): the pages of the whole district (staff/town-scope.ts) are not linked; the town is named.
 */
export interface StaffPageOptions {
  csrf?: string;
  nav?: boolean;
  role?: StaffRole;
  town?: string | null;
}

export function page(title: string, body: Raw, opts: StaffPageOptions = {}): string {
  const links = NAV.filter(
    ([href]) =>
      (!opts.role || roleAtLeast(opts.role, leastRoleFor('GET', href))) &&
      !(opts.town && townCheckFor(href).kind === 'district-only'),
  );
  const nav = opts.nav
    ? html`<header><strong>Städtische Angebotsdaten</strong>${opts.town ? html` <span class="town">${opts.town}</span>` : ''}
        ${links.map(([href, label]) => html`<a href="${href}">${label}</a>`)}
        <form method="post" action="/staff/logout" class="inline"><input type="hidden" name="csrf" value="${opts.csrf}"><button>Abmelden</button></form>
      </header>`
    : html`<header><strong>Städtische Angebotsdaten</strong></header>`;
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – GEMEINSAM City API</title><link rel="stylesheet" href="/staff/style.css"></head>
<body>${nav.html}<main><h1>${esc(title)}</h1>${body.html}</main></body></html>`;
}
