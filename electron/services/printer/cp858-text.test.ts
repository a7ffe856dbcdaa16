import { describe, expect, it } from 'vitest';
import { CP858_HIGH, isCp858Printable, toCp858Text, unprintableShare } from './cp858-text';

describe('code page 858 folding', () => {
  it('has 128 characters for bytes 0x80–0xFF with € at 0xD5 and ß at 0xE1', () => {
    expect([...CP858_HIGH]).toHaveLength(128);
    expect(CP858_HIGH[0xd5 - 0x80]).toBe('€');
    expect(CP858_HIGH[0xe1 - 0x80]).toBe('ß');
    expect(CP858_HIGH[0x84 - 0x80]).toBe('ä');
  });

  it('keeps German letters, € and ß unchanged', () => {
    const s = 'Kulturcafé, Straße, Größe, 5 € – ÄÖÜ äöü';
    expect(toCp858Text(s)).toBe('Kulturcafé, Straße, Größe, 5 € - ÄÖÜ äöü');
    expect(isCp858Printable('Kulturcafé, Straße, Größe, 5 €')).toBe(true);
  });

  it('maps typographic quotes, dashes and ellipsis to plain ones', () => {
    expect(toCp858Text('„Zitat“ ‚klein‘ – — … ’')).toBe('"Zitat" \'klein\' - - ... \'');
  });

  it('folds Turkish and other accented letters the code page lacks', () => {
    expect(toCp858Text('Şişli Çarşamba Salı İletişim ğ')).toBe('Sisli Çarsamba Sali Iletisim g');
    expect(toCp858Text('Łódź Dvořák œuvre')).toBe('Lódz Dvorák oeuvre') // ó and á exist in CP858, ź and ř do not;
  });

  it('turns other scripts into "?" and drops emoji; line breaks become spaces', () => {
    expect(toCp858Text('Київ')).toBe('????');
    expect(toCp858Text('Kaffee ☕️ und\nKuchen')).toBe('Kaffee  und Kuchen');
    expect(unprintableShare('Київ')).toBe(1);
    expect(unprintableShare('Café')).toBe(0);
  });
});
