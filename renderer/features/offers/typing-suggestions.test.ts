import { describe, expect, it } from 'vitest';
import { typingSuggestions } from './typing-suggestions';

const interests = [
  { id: 'bewegung', label: 'Bewegung & Sport' },
  { id: 'kultur', label: 'Kultur & Musik' },
  { id: 'natur', label: 'Natur & Garten' },
];
const items = [{ title: 'Gemeinschaftsgarten Cecilienstraße' }, { title: 'Gartenfreunde' }, { title: 'Gartenfreunde' }, { title: 'Kleingarten' }, { title: 'Mehr' }];

describe('suggestions while typing', () => {
  it('nothing below two letters', () => {
    expect(typingSuggestions('', items, interests, [])).toEqual([]);
    expect(typingSuggestions('g', items, interests, [])).toEqual([]);
  });

  it('an interest whose label word starts with the typed word, then distinct offer titles, at most three', () => {
    expect(typingSuggestions('Gar', items, interests, [])).toEqual([
      { kind: 'interest', id: 'natur', label: 'Natur & Garten' },
      { kind: 'title', text: 'Gemeinschaftsgarten Cecilienstraße' },
      { kind: 'title', text: 'Gartenfreunde' },
    ]);
  });

  it('an everyday word suggests the interest it stands for; a chosen interest is not suggested again', () => {
    expect(typingSuggestions('Fußball', [], interests, [])).toEqual([{ kind: 'interest', id: 'bewegung', label: 'Bewegung & Sport' }]);
    expect(typingSuggestions('Fußball', [], interests, ['bewegung'])).toEqual([]);
  });

  it('does not repeat what is typed', () => {
    expect(typingSuggestions('gartenfreunde', [{ title: 'Gartenfreunde' }, { title: 'Kleingarten' }], [], [])).toEqual([{ kind: 'title', text: 'Kleingarten' }]);
  });
});
