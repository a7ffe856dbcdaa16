import { esc, html, raw, type Raw } from '../staff-html';
import { htmlLang, isRtl, LANG_NAMES, WEB_LANGS, WEB_TEXTS, type WebLang } from './web-texts';

/**
 * Layout of the public pages: large type, contrast ≥ 7:1, 48 px targets, phone first; right-to-left for Arabic.
 * Everything (style, font) comes from this server; no script is needed.
 */
export const WEB_CSS = `
@font-face{font-family:"Atkinson Hyperlegible Next";font-weight:400;font-display:optional;src:url(/angebote/assets/font-400.woff2) format("woff2")}
@font-face{font-family:"Atkinson Hyperlegible Next";font-weight:700;font-display:optional;src:url(/angebote/assets/font-700.woff2) format("woff2")}
*{box-sizing:border-box}
html{font-size:20px;-webkit-text-size-adjust:100%}
@media (min-width:50em){html{font-size:22px}}
body{margin:0;font-family:"Atkinson Hyperlegible Next",Verdana,system-ui,sans-serif;line-height:1.5;color:#111;background:#fff}
a{color:#0b3d75;text-underline-offset:.15em}
a:visited{color:#4a1d75}
.skip{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.skip:focus{position:static;width:auto;height:auto;clip-path:none;display:block;padding:.6rem 1rem;background:#fff}
header.site{background:#0b3d55;color:#fff;padding:.4rem 1rem}
header.site a,header.site a:visited{color:#fff}
.brand{display:inline-block;padding:.4rem 0;min-height:48px;line-height:1.25}.brand .place{display:block;font-weight:700;font-size:1.3rem}.brand .what{display:block;font-size:1rem}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1.2rem}
nav a{display:inline-block;padding:.55rem 0;min-height:48px;font-weight:700}
nav a[aria-current=page]{text-decoration-thickness:.2em}
.langs{background:#eef3f6;padding:.2rem 1rem;font-size:.9rem}
.langs ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 1rem}
.langs a{display:inline-block;padding:.6rem 0;min-height:48px}
.langs a[aria-current=true]{font-weight:700;color:#111;text-decoration:none}
main{max-width:44rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
main.wide{max-width:64rem}
h1{font-size:1.6rem;line-height:1.25;margin:.6rem 0 1rem}
h2{font-size:1.25rem;line-height:1.3;margin:1.6rem 0 .5rem}
h3{font-size:1.1rem;margin:1rem 0 .3rem}
p,li{max-width:38em}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:1rem 0}
form.search label{flex:1 0 100%;font-weight:700}
input[type=search],input[type=text],input[type=email],input[type=tel],textarea,select{font:inherit;font-size:1rem;padding:.55rem .7rem;border:2px solid #444;border-radius:6px;min-height:48px;background:#fff;color:#111;width:100%}
form.search input[type=search]{flex:1 1 12rem;width:auto}
textarea{min-height:8rem}
button,.button{font:inherit;font-size:1rem;font-weight:700;padding:.6rem 1.2rem;min-height:52px;border-radius:8px;border:2px solid #0b3d55;background:#0b3d55;color:#fff;cursor:pointer;display:inline-block;text-decoration:none}
.button.secondary,button.secondary,a.button.secondary:visited{background:#fff;color:#0b3d55}
a.button:visited{color:#fff}
:focus-visible{outline:4px solid #b35900;outline-offset:2px}
details.filters{border:2px solid #555;border-radius:8px;padding:.4rem 1rem;margin:1rem 0}
details.filters summary{font-weight:700;cursor:pointer;min-height:48px;padding:.5rem 0}
fieldset{border:0;padding:0;margin:.8rem 0}
legend{font-weight:700;padding:0;margin-bottom:.2rem}
.choices{display:flex;flex-wrap:wrap;gap:.1rem 1.2rem}
.choice{display:flex;align-items:center;gap:.5rem;min-height:48px}
.choice input{width:26px;height:26px;flex:none;margin:0}
label.block{display:block;font-weight:700;margin:.8rem 0 .3rem}
.hint{color:#333;font-size:.9rem;margin:.1rem 0 .3rem}
.actions{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;margin:1rem 0}
.count{font-weight:700}
ol.offers{list-style:none;padding:0;margin:0}
ol.offers li{border-top:2px solid #ccc;padding:.8rem 0;max-width:none}
ol.offers h2{margin:0 0 .2rem;font-size:1.15rem}
.meta{margin:.2rem 0;color:#222}
.tag{display:inline-block;border:2px solid #1d5e20;color:#1d5e20;border-radius:6px;padding:0 .4rem;font-size:.85rem;font-weight:700;margin-inline-end:.4rem}
.tag.neutral{border-color:#555;color:#333}
.pager{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:1.2rem 0}
.facts dt{font-weight:700;margin-top:.8rem}
.facts dd{margin:0}
.easy{background:#f3f7f3;border:2px solid #1d5e20;border-radius:8px;padding:.4rem 1rem;margin:1rem 0}
.note{background:#f3f3f3;border-radius:8px;padding:.6rem 1rem}
.summary{border:3px solid #8a0015;border-radius:8px;padding:.6rem 1rem;margin:1rem 0;background:#fff5f6}
.summary a,.error{color:#8a0015}
.error{font-weight:700;margin:.2rem 0}
[aria-invalid=true]{border-color:#8a0015;border-width:3px}
.ok{border:3px solid #1d5e20;border-radius:8px;padding:.6rem 1rem;margin:1rem 0;background:#f2fbf2}
.hp{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.photo{max-width:100%;height:auto}
.qr svg{width:8rem;height:8rem}
.map{width:100%;height:auto;border:2px solid #555;border-radius:8px;background:#f4f1ea;display:block}
.map a:focus circle,.map a:hover circle{fill:#b35900}
.map text{font:700 13px Verdana,sans-serif}
ol.places{padding-inline-start:2.2rem}
ol.places li{margin:.4rem 0}
footer.site{border-top:2px solid #ccc;margin-top:2rem;padding:1rem;font-size:.95rem}
footer.site ul{list-style:none;margin:0 auto;padding:0;max-width:44rem;display:flex;flex-wrap:wrap;gap:0 1.4rem}
footer.site a{display:inline-block;padding:.6rem 0;min-height:48px}
[dir=rtl] body{text-align:right}
@media print{header.site,.langs,footer.site,.noprint,.skip{display:none!important}body{font-size:12pt}a{color:#000}main{max-width:none}}
@media (prefers-contrast:more){a{color:#000}.hint,.meta{color:#000}}
`;

export type NavKey = 'list' | 'map' | 'wish' | 'privacy' | null;

export interface PageOpts {
  lang: WebLang;
  title: string;
  /** the town's (or the site's) name in this language, standing alone (web-town.ts placeName) */
  place: string;
  /** path without query, for the language links and the canonical address */
  path: string;
  /** query string without lang (starting with ? or empty), kept on language switches */
  query?: string;
  base: string;
  nav: NavKey;
  description?: string;
  /** extra tags inside <head> (Open Graph, JSON-LD) */
  head?: Raw;
  wide?: boolean;
  noindex?: boolean;
}

/** `path?lang=..&rest` for a language. */
export function withLang(path: string, lang: WebLang, query = ''): string {
  const q = query.replace(/^\?/, '');
  const parts = [lang !== 'de' ? `lang=${encodeURIComponent(lang)}` : '', q].filter(Boolean).join('&');
  return parts ? `${path}?${parts}` : path;
}

export function webPage(o: PageOpts, body: Raw): string {
  const t = WEB_TEXTS[o.lang];
  const navItem = (key: Exclude<NavKey, null>, href: string, label: string) =>
    html`<li><a href="${withLang(href, o.lang)}"${o.nav === key ? raw(' aria-current="page"') : ''}>${label}</a></li>`;
  const langLinks = WEB_LANGS.map(
    (l) =>
      html`<li><a href="${withLang(o.path, l, o.query)}" lang="${htmlLang(l)}" hreflang="${htmlLang(l)}"${l === o.lang ? raw(' aria-current="true"') : ''}>${LANG_NAMES[l]}</a></li>`,
  );
  const alternates = WEB_LANGS.filter((l) => l !== 'de-LS').map(
    (l) => html`<link rel="alternate" hreflang="${l}" href="${o.base}${withLang(o.path, l, o.query)}">`,
  );
  return `<!doctype html>
<html lang="${htmlLang(o.lang)}" dir="${isRtl(o.lang) ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)} – ${esc(o.place)} · ${esc(t.siteName)}</title>
${o.description ? `<meta name="description" content="${esc(o.description)}">` : ''}
${o.noindex ? '<meta name="robots" content="noindex">' : ''}
<link rel="canonical" href="${esc(o.base + withLang(o.path, o.lang, o.query))}">
${html`${alternates}`.html}
<link rel="icon" href="data:,">
<link rel="preload" href="/angebote/assets/font-400.woff2" as="font" type="font/woff2" crossorigin>
<link rel="preload" href="/angebote/assets/font-700.woff2" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="/angebote/assets/web.css">
<link rel="alternate" type="application/atom+xml" href="/feeds/offers.atom" title="${esc(o.place)} · ${esc(t.siteName)}">
${o.head?.html ?? ''}
</head><body>
<a class="skip" href="#inhalt">${esc(t.skip)}</a>
<header class="site"><a class="brand" href="${esc(withLang('/angebote', o.lang))}"><span class="place">${esc(o.place)}</span> <span class="what">${esc(t.siteName)}</span></a>
<nav aria-label="${esc(t.mainNav)}"><ul>${html`${[
    navItem('list', '/angebote', t.navList),
    navItem('map', '/angebote/karte', t.navMap),
    navItem('wish', '/wuensche/neu', t.navWish),
  ]}`.html}</ul></nav></header>
<nav class="langs" aria-label="${esc(t.language)}"><ul>${html`${langLinks}`.html}</ul></nav>
<main id="inhalt"${o.wide ? ' class="wide"' : ''}>
<h1>${esc(o.title)}</h1>
${body.html}
</main>
<footer class="site"><ul>
<li><a href="${esc(withLang('/datenschutz', o.lang))}"${o.nav === 'privacy' ? ' aria-current="page"' : ''}>${esc(t.navPrivacy)}</a></li>
<li><a href="/submit${o.lang === 'en' ? '?lang=en' : ''}">${esc(t.navClub)}</a></li>
<li><a href="/feeds/offers.atom">Atom-Feed</a></li>
</ul></footer>
</body></html>`;
}
