/** Synthetic wishes and usage stats for the Bedarf bench and screenshots (issue 18). Deterministic. */
import type { CityDb } from '../city-db';
import { registerKiosk, storeStats } from '../kiosk-store';

const TEXTS = [
  'Schachgruppe', 'Schachtreff am Abend', 'Deutschkurs für Frauen', 'Deutsch lernen', 'Computerhilfe', 'Hilfe am Computer', 'Tanzkurs',
  'Fußball für Mädchen', 'Nähkurs', 'Chor für Kinder', 'Gitarre lernen', 'Kochtreff', 'Yoga für Schwangere', 'Schwimmkurs', 'Repair-Café',
  'Spielplatz in Kaldauen', 'Seniorentreff', 'Hausaufgabenhilfe', 'Boule', 'Trauergruppe',
];
const INTERESTS = ['sport', 'kultur', 'lernen', 'begegnung', 'hilfe', 'natur', 'spielen'];
const AGES = ['kinder', 'jugendliche', 'erwachsene', 'senioren'];
const DISTRICTS = ['innenstadt', 'brueckberg', 'deichhaus', 'kaldauen', 'braschoss', 'seligenthal', 'stallberg', 'wolsdorf', 'zange'];
const WORDS = ['boule', 'quidditch', 'minigolf', 'tischtennis', 'trauercafe', 'imker', 'klettern', 'skat'];

export function seedSyntheticBedarf(db: CityDb, opts: { wishes: number; kiosks: number; days: number; end: Date }): void {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)]!;
  const endMs = opts.end.getTime();
  db.transaction(() => {
    const ins = db.prepare(`INSERT INTO wishes (id, idempotency_key, kiosk_id, body_json, received_at) VALUES (?, ?, ?, ?, ?)`);
    for (let i = 0; i < opts.wishes; i++) {
      const at = new Date(endMs - Math.floor(rnd() * opts.days) * 86_400_000 - Math.floor(rnd() * 10) * 3_600_000).toISOString();
      const kiosk = `kiosk-${(i % opts.kiosks) + 1}`;
      const body = {
        text: pick(TEXTS),
        interests: [pick(INTERESTS)],
        age_group: pick(AGES),
        ...(rnd() < 0.8 ? { district: pick(DISTRICTS) } : {}),
        language: 'de',
        contact_consent: false,
        created_at: at,
        kiosk_id: kiosk,
      };
      ins.run(`wish-${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`, `${kiosk} syn-${i}`, kiosk, JSON.stringify(body), at);
    }
    for (let k = 1; k <= opts.kiosks; k++) {
      registerKiosk(db, `kiosk-${k}`, `token-synthetic-kiosk-${String(k).padStart(4, '0')}`);
      for (let d = 0; d < opts.days; d++) {
        const day = new Date(endMs - d * 86_400_000).toISOString().slice(0, 10);
        const byHour: Record<string, number> = {};
        let sessions = 0;
        for (let h = 8; h <= 19; h++) {
          const n = Math.floor(rnd() * (h >= 10 && h <= 16 ? 8 : 3));
          if (n) byHour[String(h).padStart(2, '0')] = n;
          sessions += n;
        }
        const misses: Record<string, number> = {};
        if (rnd() < 0.15) misses[pick(WORDS)] = 3 + Math.floor(rnd() * 3);
        storeStats(db, `kiosk-${k}`, day, {
          day,
          sessions,
          offers_viewed_by_interest: {},
          slips_printed: Math.floor(sessions / 4),
          wishes_sent: 0,
          languages_used: { de: sessions },
          large_text_sessions: 0,
          high_contrast_sessions: 0,
          sessions_by_hour: byHour,
          searches_without_result: misses,
        });
      }
    }
  })();
}
