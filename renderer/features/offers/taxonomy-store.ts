import { create } from 'zustand';
import { api } from '../../api/kiosk-api';
import type { Language } from '../../../shared/schemas/kiosk-config';
import type { Label } from '../../../shared/schemas/text';
import type { Taxonomy } from '../../../shared/schemas/taxonomy';

interface TaxonomyState {
  taxonomy: Taxonomy | null;
  failed: boolean;
  loading: boolean;
  load(): Promise<void>;
}

/** Interests, age groups and districts (loaded once; retried on the next screen visit after a failure). */
export const useTaxonomyStore = create<TaxonomyState>((set, get) => ({
  taxonomy: null,
  failed: false,
  loading: false,
  load: async () => {
    if (get().taxonomy || get().loading) return;
    set({ loading: true });
    try {
      set({ taxonomy: await api.getTaxonomy({}), failed: false, loading: false });
    } catch (_err) {
      set({ failed: true, loading: false });
    }
  },
}));

export function useTaxonomy(): Taxonomy | null {
  const taxonomy = useTaxonomyStore((s) => s.taxonomy);
  if (!taxonomy) void useTaxonomyStore.getState().load();
  return taxonomy;
}

/** A taxonomy label in the current language; Leichte Sprache and missing translations use German. */
export function labelText(label: Label, lang: Language): string {
  const key = lang === 'de-LS' ? 'de' : lang;
  return (label as Record<string, string>)[key] ?? label.de;
}
