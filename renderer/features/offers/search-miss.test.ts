import { describe, expect, it } from 'vitest';
import { searchMissWord } from './search-miss';

describe('reporting a search without result', () => {
  it('reports the normalised text once its own answer found nothing', () => {
    expect(searchMissWord('Xylophon ', 'Xylophon ', 0)).toBe('xylophon');
    expect(searchMissWord('Straße', 'Straße', 0)).toBe('strasse');
  });
  it('nothing while the answer is for an older text, with hits, or without text', () => {
    expect(searchMissWord('Xylophon', 'Xylopho', 0)).toBeNull();
    expect(searchMissWord('Garten', 'Garten', 3)).toBeNull();
    expect(searchMissWord('  ', '  ', 0)).toBeNull();
  });
});
