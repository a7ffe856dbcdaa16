import type { Offer } from '../../../shared/schemas/offer';
import type { SlipBlock } from './slip-layout';
import { SLIP_WORDS, type SlipLanguage } from './slip-words';

const TZ = 'Europe/Berlin';

/** What an offer slip shows about one offer, already looked up. */
export interface OfferSlipData {
  offer: Offer;
  /** Schedule in plain words, one line per schedule ("jeden Dienstag, 14 bis 16 Uhr"). */
  when: string[];
  /** Next dates (ISO), soonest first. */
  nextDates: { start: string; end: string | null }[];
}

export interface SlipContext {
  lang: SlipLanguage;
  /** Where the kiosk stands (config.place). */
  place: string;
  now: Date;
}

/** Title and summary in the slip's language (German when the offer has no translation). */
export function offerTexts(offer: Offer, lang: SlipLanguage): { title: string; summary: string } {
  if (lang === 'en' || lang === 'tr') {
    const t = offer.translations?.[lang];
    if (t) return { title: t.title, summary: t.summary };
  }
  return { title: offer.title, summary: offer.summary };
}

export function formatDateTime(iso: string, lang: SlipLanguage, withTime = true): string {
  const w = SLIP_WORDS[lang];
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat(w.intlLocale, { timeZone: TZ, weekday: 'long', day: 'numeric', month: 'long' }).format(d);
  if (!withTime) return date;
  const time = new Intl.DateTimeFormat(w.intlLocale, { timeZone: TZ, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${date}, ${w.clock(time)}`;
}

function printedLine(ctx: SlipContext): string {
  const w = SLIP_WORDS[ctx.lang];
  const date = new Intl.DateTimeFormat(w.intlLocale, {
    timeZone: TZ,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(ctx.now);
  return w.printed(date, ctx.place);
}

function footer(ctx: SlipContext): SlipBlock[] {
  const w = SLIP_WORDS[ctx.lang];
  return [{ kind: 'rule' }, { kind: 'small', text: w.footer }, { kind: 'small', text: printedLine(ctx) }];
}

/** The body of one offer (shared by the offer slip and each entry of a Merkliste slip). */
function offerBody(data: OfferSlipData, ctx: SlipContext, opts: { maxDates: number }): SlipBlock[] {
  const w = SLIP_WORDS[ctx.lang];
  const { offer } = data;
  const blocks: SlipBlock[] = [];
  if (data.when.length) {
    blocks.push({ kind: 'label', text: w.when });
    for (const line of data.when) blocks.push({ kind: 'text', text: line });
  }
  const dates = data.nextDates.slice(0, opts.maxDates);
  if (dates.length) {
    blocks.push({ kind: 'label', text: w.nextDates });
    for (const d of dates) blocks.push({ kind: 'text', text: `- ${formatDateTime(d.start, ctx.lang)}` });
  }
  const loc = offer.location;
  if (loc) {
    blocks.push({ kind: 'label', text: w.where });
    blocks.push({ kind: 'text', text: loc.name });
    const street = [loc.street, [loc.postal_code, loc.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    if (street) blocks.push({ kind: 'text', text: street });
    if (loc.wheelchair !== 'unknown') blocks.push({ kind: 'text', text: w.stepFree[loc.wheelchair] });
    if (loc.accessibility_notes) blocks.push({ kind: 'text', text: loc.accessibility_notes });
    if (loc.transit_stop) blocks.push({ kind: 'text', text: `${w.stop}: ${loc.transit_stop}` });
  }
  blocks.push({ kind: 'label', text: w.cost });
  const cost = offer.cost.free ? [w.free, offer.cost.note].filter(Boolean).join(' – ') : (offer.cost.note ?? '');
  if (cost) blocks.push({ kind: 'text', text: cost });
  if (offer.registration_required) blocks.push({ kind: 'text', text: w.registration });
  const org = offer.organisation;
  blocks.push({ kind: 'label', text: w.contact });
  blocks.push({ kind: 'text', text: [offer.contact_person, org.name].filter(Boolean).join(', ') });
  if (org.phone) blocks.push({ kind: 'text', text: `${w.phone}: ${org.phone}` });
  if (org.email) blocks.push({ kind: 'text', text: `${w.email}: ${org.email}` });
  // the QR code carries the public page now; the club's own website stays readable on paper
  if (offer.web_url && offer.url) blocks.push({ kind: 'text', text: `${w.web}: ${offer.url}` });
  return blocks;
}

export function offerSlip(data: OfferSlipData, ctx: SlipContext): { blocks: SlipBlock[]; qr: string | null } {
  const w = SLIP_WORDS[ctx.lang];
  const { title, summary } = offerTexts(data.offer, ctx.lang);
  const blocks: SlipBlock[] = [{ kind: 'heading', text: title }];
  if (data.offer.sample) blocks.push({ kind: 'marker', text: w.sample }, { kind: 'text', text: w.sampleNote });
  if (summary) blocks.push({ kind: 'text', text: summary });
  blocks.push({ kind: 'rule' }, ...offerBody(data, ctx, { maxDates: 3 }));
  // The offer's short public page (web_url, issue 17) when the city API sends one; otherwise (sample data, older
  // servers, HSDS) the club's own page as before. The address is printed under the code for those without a camera.
  const qr = data.offer.web_url ?? data.offer.url ?? null;
  if (qr) blocks.push({ kind: 'rule' }, { kind: 'text', text: w.qrHint }, { kind: 'qr', data: qr }, { kind: 'small', text: qr });
  blocks.push(...footer(ctx));
  return { blocks, qr };
}

export function merklisteSlip(items: OfferSlipData[], ctx: SlipContext): { blocks: SlipBlock[]; qr: null } {
  const w = SLIP_WORDS[ctx.lang];
  const blocks: SlipBlock[] = [{ kind: 'heading', text: w.merkliste }, { kind: 'text', text: w.merklisteCount(items.length) }];
  if (items.some((i) => i.offer.sample)) blocks.push({ kind: 'marker', text: w.sample }, { kind: 'text', text: w.sampleNote });
  items.forEach((item, i) => {
    const { title } = offerTexts(item.offer, ctx.lang);
    blocks.push({ kind: 'rule' }, { kind: 'subheading', text: `${i + 1}. ${title}` });
    blocks.push(...offerBody(item, ctx, { maxDates: 1 }));
    // each offer of the list gets its own small code to its public page (issue 17), the address printed under it
    if (item.offer.web_url) blocks.push({ kind: 'qr', data: item.offer.web_url }, { kind: 'small', text: item.offer.web_url });
    else if (item.offer.url) blocks.push({ kind: 'small', text: `${w.web}: ${item.offer.url}` });
  });
  blocks.push(...footer(ctx));
  return { blocks, qr: null };
}

export function invitationSlip(submissionUrl: string | null, ctx: SlipContext): { blocks: SlipBlock[]; qr: string | null } {
  const w = SLIP_WORDS[ctx.lang];
  const blocks: SlipBlock[] = [{ kind: 'heading', text: w.invitationTitle }, { kind: 'text', text: w.invitationText }, { kind: 'space' }];
  if (submissionUrl) {
    for (const step of w.invitationSteps) blocks.push({ kind: 'text', text: step });
    blocks.push({ kind: 'qr', data: submissionUrl }, { kind: 'small', text: submissionUrl });
  } else {
    blocks.push({ kind: 'text', text: w.invitationNoUrl });
  }
  blocks.push(...footer(ctx));
  return { blocks, qr: submissionUrl };
}

export function testSlip(ctx: SlipContext, printerDescription: string): { blocks: SlipBlock[]; qr: string } {
  const w = SLIP_WORDS[ctx.lang];
  const qr = 'GEMEINSAM-KIOSK-TESTDRUCK';
  return {
    blocks: [
      { kind: 'heading', text: w.testTitle },
      { kind: 'text', text: w.testText },
      { kind: 'small', text: printerDescription },
      { kind: 'qr', data: qr },
      ...footer(ctx),
    ],
    qr,
  };
}
