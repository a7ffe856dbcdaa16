import { WEEKDAYS } from '../../../shared/schemas/offer';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import { esc, html, raw, type Raw } from '../staff-html';
import { all, first, TEXT_LIMITS, type FieldErrors, type FormValues } from './submission-form';
import { formText, type FormLang, type FormTextKey } from './submission-texts';

/** Large, calm, phone-first styles; contrast ≥ 7:1; visible focus; 48 px targets. */
export const PUBLIC_CSS = `
*{box-sizing:border-box}
html{font-size:20px}
body{margin:0;font-family:"Atkinson Hyperlegible Next","Atkinson Hyperlegible",Verdana,system-ui,sans-serif;line-height:1.5;color:#111;background:#fff}
header{background:#0b3d55;color:#fff;padding:.8rem 1rem;display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap}
header a{color:#fff;font-weight:700;display:inline-block;padding:.6rem .4rem;min-height:48px}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25}
h2{font-size:1.25rem;margin-top:0}
fieldset{border:2px solid #555;border-radius:8px;padding:1rem;margin:1.2rem 0}
legend{font-weight:700;font-size:1.15rem;padding:0 .4rem}
label{display:block;font-weight:700;margin:.9rem 0 .3rem}
.hint{color:#333;font-size:.9rem;margin:.1rem 0 .3rem}
input[type=text],input[type=email],input[type=tel],input[type=url],input[type=date],input[type=time],input[type=file],textarea,select{width:100%;font-size:1rem;padding:.6rem;border:2px solid #444;border-radius:6px;min-height:48px;background:#fff;color:#111}
textarea{min-height:8rem}
.choice{display:flex;align-items:center;gap:.6rem;margin:.4rem 0;min-height:48px}
.choice input{width:28px;height:28px;flex:none}
.choice label{margin:0;font-weight:400}
.group-label{font-weight:700;margin:.9rem 0 .3rem}
button{font-size:1.05rem;font-weight:700;padding:.8rem 1.4rem;min-height:56px;border-radius:8px;border:2px solid #0b3d55;background:#0b3d55;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b3d55}
:focus-visible{outline:4px solid #b35900;outline-offset:2px}
.error{color:#8a0015;font-weight:700;margin:.2rem 0}
[aria-invalid=true]{border-color:#8a0015;border-width:3px}
.summary{border:3px solid #8a0015;border-radius:8px;padding:.8rem 1rem;margin:1rem 0;background:#fff5f6}
.summary a{color:#8a0015}
.ok{border:3px solid #1d5e20;border-radius:8px;padding:.8rem 1rem;margin:1rem 0;background:#f2fbf2}
.privacy{background:#f3f3f3;border-radius:8px;padding:.8rem 1rem}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
code.link{display:block;word-break:break-all;background:#f3f3f3;padding:.6rem;border-radius:6px;font-size:.9rem}
`;

/** `place`: the town's (or the site's) name, standing alone before "Angebotslandkarte" (public-web/web-town.ts placeName). */
export function publicPage(lang: FormLang, title: string, body: Raw, langSwitchHref: string | null, place = 'Siegburg'): string {
  const other = langSwitchHref
    ? html`<a href="${langSwitchHref}" lang="${formText(lang, 'otherLangHref')}">${formText(lang, 'otherLang')}</a>`
    : html``;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – ${esc(place)} · ${esc(formText(lang, 'siteName'))}</title><link rel="stylesheet" href="/submit/style.css"></head>
<body><header><span>${esc(place)} · ${esc(formText(lang, 'siteName'))}</span>${other.html}</header><main><h1>${esc(title)}</h1>${body.html}</main></body></html>`;
}

interface FormCtx {
  lang: FormLang;
  values: FormValues;
  errors: FieldErrors;
  taxonomy: Taxonomy;
  action: string;
  timeToken: string;
  submitLabel: FormTextKey;
  hasPhoto: boolean;
}

/** Which label names a field in the error summary ("Name des Angebots: Bitte ausfüllen."). */
const FIELD_LABELS: Record<string, FormTextKey> = {
  title: 'title', summary: 'summary', description: 'description', interests: 'interests', age_groups: 'ageGroups', byday: 'byday',
  date: 'date', opens_at: 'opensAt', closes_at: 'closesAt', schedule_note: 'scheduleNote', loc_name: 'locName', street: 'street',
  postal_code: 'postalCode', city: 'city', lat: 'lat', lon: 'lon', transit_stop: 'transitStop', accessibility_notes: 'accessNotes',
  cost_note: 'costNote', org_name: 'orgName', contact_person: 'contactPerson', org_email: 'orgEmail', org_phone: 'orgPhone',
  org_website: 'orgWebsite', url: 'url', sub_name: 'subName', sub_email: 'subEmail', sub_phone: 'subPhone', photo: 'sectionPhoto',
  image_alt: 'sectionPhoto',
};

const WEEKDAY_NAMES: Record<FormLang, Record<string, string>> = {
  de: { MO: 'Montag', TU: 'Dienstag', WE: 'Mittwoch', TH: 'Donnerstag', FR: 'Freitag', SA: 'Samstag', SU: 'Sonntag' },
  en: { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' },
};

/** The whole public form. Every value the person typed is shown again; errors sit next to their field. */
export function submissionFormHtml(c: FormCtx): Raw {
  const t = (k: FormTextKey, vars?: Record<string, string | number>) => formText(c.lang, k, vars);
  const errorOf = (field: string) => {
    const e = c.errors.get(field);
    return e ? t(e.key, e.vars) : null;
  };
  const errorHtml = (field: string) => {
    const e = errorOf(field);
    return e ? html`<p class="error" id="${field}-error">${e}</p>` : html``;
  };
  const described = (field: string, hint: boolean) =>
    [hint ? `${field}-hint` : '', c.errors.has(field) ? `${field}-error` : ''].filter(Boolean).join(' ');
  const text = (field: string, label: FormTextKey, o: { type?: string; required?: boolean; hint?: FormTextKey; multiline?: boolean; autocomplete?: string } = {}) => {
    const d = described(field, !!o.hint);
    const attrs = raw(
      `id="${field}" name="${field}"${o.required ? ' required aria-required="true"' : ''}${d ? ` aria-describedby="${d}"` : ''}${c.errors.has(field) ? ' aria-invalid="true"' : ''}${o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''} maxlength="${TEXT_LIMITS[field] ?? 500}"`,
    );
    return html`<label for="${field}">${t(label)}${o.required ? html` <span class="hint">(${t('required')})</span>` : ''}</label>
      ${o.hint ? html`<p class="hint" id="${field}-hint">${t(o.hint)}</p>` : ''}${errorHtml(field)}
      ${o.multiline
        ? html`<textarea ${attrs}>${first(c.values, field)}</textarea>`
        : html`<input type="${o.type ?? 'text'}" ${attrs} value="${first(c.values, field)}">`}`;
  };
  const checks = (field: string, legend: FormTextKey, options: { value: string; label: string }[]) => {
    const chosen = new Set(all(c.values, field));
    return html`<fieldset id="${field}"${c.errors.has(field) ? raw(` aria-describedby="${field}-error"`) : ''}><legend>${t(legend)}</legend>${errorHtml(field)}
      ${options.map(
        (o, i) => html`<div class="choice"><input type="checkbox" id="${field}-${i}" name="${field}" value="${o.value}"${chosen.has(o.value) ? raw(' checked') : ''}><label for="${field}-${i}">${o.label}</label></div>`,
      )}</fieldset>`;
  };
  const radios = (field: string, legend: FormTextKey, options: { value: string; label: string }[], fallback: string) => {
    const current = first(c.values, field) || fallback;
    return html`<fieldset id="${field}"><legend>${t(legend)}</legend>${errorHtml(field)}
      ${options.map(
        (o, i) => html`<div class="choice"><input type="radio" id="${field}-${i}" name="${field}" value="${o.value}"${current === o.value ? raw(' checked') : ''}><label for="${field}-${i}">${o.label}</label></div>`,
      )}</fieldset>`;
  };
  const label = (l: Record<string, string>) => l[c.lang] ?? l.de ?? '';
  const summary =
    c.errors.size > 0
      ? html`<div class="summary" role="alert" tabindex="-1" id="error-summary"><h2>${t('errorSummary')}</h2><ul>
          ${[...c.errors.entries()].map(([field, e]) => {
            const label = FIELD_LABELS[field];
            const message = label ? `${t(label).replace(/\s*\(.*\)$/, '')}: ${t(e.key, e.vars)}` : t(e.key, e.vars);
            return field === 'form' || field === 'homepage' ? html`<li>${message}</li>` : html`<li><a href="#${field}">${message}</a></li>`;
          })}</ul></div>`
      : html``;

  return html`${summary}
  <form method="post" action="${c.action}" enctype="multipart/form-data" novalidate>
    <input type="hidden" name="t" value="${c.timeToken}"><input type="hidden" name="lang" value="${c.lang}">
    <fieldset><legend>${t('sectionWhat')}</legend>
      ${text('title', 'title', { required: true, hint: 'titleHint' })}
      ${text('summary', 'summary', { required: true, hint: 'summaryHint', multiline: true })}
      ${text('description', 'description', { multiline: true })}
    </fieldset>
    <fieldset><legend>${t('sectionWho')}</legend>
      ${checks('interests', 'interests', c.taxonomy.interests.map((i) => ({ value: i.id, label: label(i.label) })))}
      ${checks('age_groups', 'ageGroups', c.taxonomy.age_groups.map((a) => ({ value: a.id, label: label(a.label) })))}
    </fieldset>
    <fieldset><legend>${t('sectionWhen')}</legend>
      ${radios('freq', 'freq', (['weekly', 'monthly', 'once', 'by_arrangement'] as const).map((f) => ({ value: f, label: t(`freq_${f}`) })), 'weekly')}
      ${checks('byday', 'byday', WEEKDAYS.map((d) => ({ value: d, label: WEEKDAY_NAMES[c.lang][d] ?? d })))}
      <label for="setpos">${t('setpos')}</label>
      <select id="setpos" name="setpos">${(['1', '2', '3', '4', '-1'] as const).map(
        (n) => html`<option value="${n}"${first(c.values, 'setpos') === n ? raw(' selected') : ''}>${t(`setpos_${n}` as FormTextKey)}</option>`,
      )}</select>
      ${text('date', 'date', { type: 'date' })}
      ${text('opens_at', 'opensAt', { type: 'time' })}
      ${text('closes_at', 'closesAt', { type: 'time' })}
      ${text('schedule_note', 'scheduleNote', { hint: 'scheduleNoteHint' })}
    </fieldset>
    <fieldset><legend>${t('sectionWhere')}</legend>
      ${text('loc_name', 'locName', { required: true, hint: 'locNameHint' })}
      ${text('street', 'street', { required: true, autocomplete: 'street-address' })}
      ${text('postal_code', 'postalCode', { autocomplete: 'postal-code' })}
      ${text('city', 'city', { required: true })}
      <label for="district">${t('district')}</label>
      <select id="district" name="district"><option value="">${t('districtNone')}</option>${c.taxonomy.districts.map(
        (d) => html`<option value="${d.id}"${first(c.values, 'district') === d.id ? raw(' selected') : ''}>${label(d.label)}</option>`,
      )}</select>
      <p class="group-label">${t('pin')}</p><p class="hint" id="pin-hint">${t('pinHint')}</p>
      ${text('lat', 'lat', { type: 'text' })}
      ${text('lon', 'lon', { type: 'text' })}
      ${text('transit_stop', 'transitStop')}
    </fieldset>
    <fieldset><legend>${t('sectionAccess')}</legend>
      ${radios('wheelchair', 'wheelchair', (['yes', 'partial', 'no', 'unknown'] as const).map((w) => ({ value: w, label: t(`wheelchair_${w}`) })), 'unknown')}
      ${text('accessibility_notes', 'accessNotes', { multiline: true })}
      ${radios('cost_free', 'costFree', [{ value: 'yes', label: t('costFree_yes') }, { value: 'no', label: t('costFree_no') }], 'yes')}
      ${text('cost_note', 'costNote')}
      ${radios('registration', 'registration', [{ value: 'no', label: t('registration_no') }, { value: 'yes', label: t('registration_yes') }], 'no')}
    </fieldset>
    <fieldset><legend>${t('sectionContact')}</legend>
      ${text('org_name', 'orgName', { required: true, autocomplete: 'organization' })}
      ${text('contact_person', 'contactPerson')}
      ${text('org_email', 'orgEmail', { type: 'email' })}
      ${text('org_phone', 'orgPhone', { type: 'tel' })}
      ${text('org_website', 'orgWebsite', { type: 'url' })}
      ${text('url', 'url', { type: 'url' })}
    </fieldset>
    <fieldset><legend>${t('sectionSubmitter')}</legend>
      <p class="privacy" id="privacy-text">${t('submitterWhy')}</p>
      ${text('sub_name', 'subName', { required: true, autocomplete: 'name' })}
      ${text('sub_email', 'subEmail', { type: 'email', autocomplete: 'email' })}
      ${text('sub_phone', 'subPhone', { type: 'tel', autocomplete: 'tel' })}
      ${errorHtml('privacy')}
      <div class="choice"><input type="checkbox" id="privacy" name="privacy" value="yes" aria-describedby="privacy-text"${first(c.values, 'privacy') === 'yes' ? raw(' checked') : ''}${c.errors.has('privacy') ? raw(' aria-invalid="true"') : ''}><label for="privacy">${t('privacy')}</label></div>
    </fieldset>
    <div class="hp" aria-hidden="true"><label for="homepage">${t('honeypot')}</label><input type="text" id="homepage" name="homepage" tabindex="-1" autocomplete="off"></div>
    <fieldset><legend>${t('sectionPhoto')}</legend>
      ${c.hasPhoto ? html`<p class="hint">${t('photoKeep')}</p>` : ''}
      ${text('image_alt', 'photoAlt')}
      <label for="photo">${t('photo')}</label>${errorHtml('photo')}
      <input type="file" id="photo" name="photo" accept="image/jpeg,image/png,image/webp"${c.errors.has('photo') ? raw(' aria-invalid="true" aria-describedby="photo-error"') : ''}>
    </fieldset>
    <p><button type="submit">${t(c.submitLabel)}</button></p>
  </form>`;
}
