import type { LocaleTable } from './index';
import common from './common';
import ui from '../ui/locales';
import attract from '../features/attract/locales';
import start from '../features/start/locales';
import help from '../features/help/locales';
import wish from '../features/wish/locales';
import merkliste from '../features/merkliste/locales';
import clubs from '../features/clubs/locales';
import offers from '../features/offers/locales';
import week from '../features/week/locales';
import map from '../features/map/locales';
import staff from '../features/staff/locales';
import print from '../features/print/locales';

/**
 * One i18n namespace per feature, each in its own file (renderer/features/<feature>/locales.ts),
 * every table with all six languages: de, de-LS, en, tr, uk, ar.
 */
export const namespaces: Record<string, LocaleTable> = {
  common,
  ui,
  attract,
  start,
  help,
  wish,
  merkliste,
  clubs,
  offers,
  week,
  map,
  staff,
  print,
};
