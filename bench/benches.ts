/** Every benchmark `npm run bench` runs. Add one line per bench; each prints its own lines. */
export interface Bench {
  name: string;
  run(): Promise<void>;
}

import { searchBench } from './search.bench';
import { syncBench } from './sync.bench';
import { mapBench } from './map.bench';
import { printBench } from './print.bench';
import { speechBench } from './speech.bench';
import { speechTapBench } from './speech-tap.bench';
import { startupBench } from './startup.bench';
import { calendarBench } from './calendar.bench';
import { bedarfBench } from './bedarf.bench';
import { uiBench } from './ui.bench';
import { cityLoadBench } from './city-load.bench';
import { webSearchBench } from './web-search.bench';

export const BENCHES: Bench[] = [
  searchBench,
  syncBench,
  mapBench,
  printBench,
  speechBench,
  speechTapBench,
  startupBench,
  calendarBench,
  bedarfBench,
  uiBench,
  cityLoadBench,
  webSearchBench,
];
