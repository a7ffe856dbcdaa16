import type { Clock } from '../../shared/logic/clock';
import type { ConfigStore } from './config/config-store';
import type { Db } from './db/open-database';
import type { Log } from './log';

/** What every feature service gets from the composition root. */
export interface ServiceDeps {
  db: Db;
  config: ConfigStore;
  dataDir: string;
  clock: Clock;
  log: Log;
  version: string;
}

/** A feature: its slice of the contract's handlers plus optional background work. */
export interface Feature<H> {
  handlers: H;
  start?(): void;
  stop?(): Promise<void> | void;
}
