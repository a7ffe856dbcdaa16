import { useEffect } from 'react';
import { create } from 'zustand';
import { api } from '../../api/kiosk-api';
import type { Language } from '../../../shared/schemas/kiosk-config';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';
import type { Label } from '../../../shared/schemas/text';

interface TaxonomyState {
  taxonomy: Taxonomy | null;
  loading: boolean;
  failed: boolean;
  load(): Promise<void>;
}

/** Interests, age groups and districts for the wish form (loaded on first use; tried again after a failure). */
const useWishTaxonomy = create<TaxonomyState>((set, get) => ({
  taxonomy: null,
  loading: false,
  failed: false,
  load: async () => {
    if (get().taxonomy || get().loading) return;
    set({ loading: true });
    try {
      set({ taxonomy: await api.getTaxonomy({}), loading: false, failed: false });
    } catch (_err) {
      set({ loading: false, failed: true });
    }
  },
}));

/** Whether loading the taxonomy failed (the form then works without topics). */
export const useTaxonomyFailed = () => useWishTaxonomy((s) => s.failed && !s.loading);

export function useTaxonomyForWish(): Taxonomy | null {
  const taxonomy = useWishTaxonomy((s) => s.taxonomy);
  useEffect(() => {
    if (!taxonomy) void useWishTaxonomy.getState().load();
  }, [taxonomy]);
  return taxonomy;
}

/** A taxonomy label in the current language; Leichte Sprache and missing translations use German. */
export function labelIn(label: Label, lang: Language): string {
  const key = lang === 'de-LS' ? 'de' : lang;
  return (label as Record<string, string>)[key] ?? label.de;
}

/** Label of one id of a facet, or the id itself when unknown. */
export function facetLabel(taxonomy: Taxonomy | null, facet: keyof Taxonomy, id: string, lang: Language): string {
  const entry = taxonomy?.[facet].find((e) => e.id === id);
  return entry ? labelIn(entry.label, lang) : id;
}
