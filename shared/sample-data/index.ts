export { SIEGBURG_TAXONOMY } from './siegburg-taxonomy';
export { SIEGBURG_SAMPLE_OFFERS, SAMPLE_PHONE_PREFIX } from './siegburg-offers';
export { generateSyntheticOffers, SIEGBURG_BOUNDS } from './synthetic-offers';
