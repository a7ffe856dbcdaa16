import { describe, expect, it } from 'vitest';
import { groupWishes } from './wish-topics';

/** 30 wishes as they arrive at the kiosks, and the topics a person would make of them. */
const WISHES: [string, string][] = [
  ['Schach', 'Schach'],
  ['Schachgruppe', 'Schach'],
  ['Schachtreff am Abend', 'Schach'],
  ['Ich möchte gerne Schach spielen', 'Schach'],
  ['Deutschkurs für Frauen', 'Deutsch'],
  ['Deutsch lernen am Nachmittag', 'Deutsch'],
  ['Deutschkurse am Wochenende', 'Deutsch'],
  ['Hilfe am Computer', 'Computer'],
  ['Computerhilfe für Senioren', 'Computer'],
  ['Computerkurs', 'Computer'],
  ['Tanzen', 'Tanzen'],
  ['Tanzkurs für Paare', 'Tanzen'],
  ['Tanztreff für Jugendliche', 'Tanzen'],
  ['Fußball für Mädchen', 'Fußball'],
  ['Fussballverein in Kaldauen', 'Fußball'],
  ['Fußballplatz am Abend offen', 'Fußball'],
  ['Nähkurs', 'Nähkurs'],
  ['Nähkurs für Anfänger', 'Nähkurs'],
  ['Chor', 'Chor'],
  ['Chor für Kinder', 'Chor'],
  ['Ein Chor in Wolsdorf', 'Chor'],
  ['Gitarre lernen', 'Gitarre'],
  ['Gitarrengruppe', 'Gitarre'],
  ['Kochen mit anderen', 'Kochen'],
  ['Kochkurs', 'Kochen'],
  ['Kochtreff für Männer', 'Kochen'],
  ['Yoga', 'Yoga'],
  ['Yoga für Schwangere', 'Yoga'],
  ['Schwimmen', 'Schwimmen'],
  ['Schwimmkurs für Erwachsene', 'Schwimmen'],
];

describe('grouping of wishes into topics (issue 18)', () => {
  it('groups 30 sample wishes as a person would', () => {
    const { topics, topicOf } = groupWishes(WISHES.map((w) => w[0]));
    const labelOf = new Map(topics.map((t) => [t.key, t.label]));
    const got = topicOf.map((k) => (k ? labelOf.get(k) : null));
    expect(got.map((g, i) => `${WISHES[i]![0]} → ${g}`)).toEqual(WISHES.map(([w, t]) => `${w} → ${t}`));
    expect(topics.map((t) => [t.label, t.members.length])).toEqual([
      ['Schach', 4],
      ['Chor', 3],
      ['Computer', 3],
      ['Deutsch', 3],
      ['Fußball', 3],
      ['Kochen', 3],
      ['Tanzen', 3],
      ['Gitarre', 2],
      ['Nähkurs', 2],
      ['Schwimmen', 2],
      ['Yoga', 2],
    ]);
  });

  it('joins compounds to their head word only when the bare word is among the wishes', () => {
    const topics = (texts: string[]) => groupWishes(texts).topics.map((t) => [t.label, t.members]);
    // Without "Schach" no wish says that chess is the common topic: Schachgruppe and Schachtreff stay apart.
    expect(topics(['Schachgruppe', 'Schachtreff am Abend'])).toEqual([
      ['Schachgruppe', [0]],
      ['Schachtreff', [1]],
    ]);
    expect(topics(['Tanzkurs', 'Tanzcafé'])).toHaveLength(2);
    // With the bare word present they are one topic named by it, whatever the order of the wishes.
    expect(topics(['Schachgruppe', 'Schachtreff am Abend', 'Schach'])).toEqual([['Schach', [0, 1, 2]]]);
    expect(topics(['Schach spielen', 'Schachgruppe', 'Schachtreff am Abend'])).toEqual([['Schach', [0, 1, 2]]]);
    expect(topics(['Tanzkurs', 'Tanz', 'Tanzcafé'])).toEqual([['Tanz', [0, 1, 2]]]);
  });

  it('leaves a wish of filler words only without topic', () => {
    expect(groupWishes(['ich möchte gerne mehr']).topicOf).toEqual([null]);
  });
});
