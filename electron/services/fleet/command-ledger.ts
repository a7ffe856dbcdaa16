import { FLEET_COMMAND_TYPES, type FleetCommand, type FleetCommandType } from './fleet-client';
import type { KeyValueStore } from './sync-state-store';

export const LEDGER_KEY = 'fleet.commands';
const HISTORY = 500;

interface LedgerState {
  /** Taken (run or refused) but not yet acknowledged to the city API. */
  toAck: string[];
  /** Acknowledged in a heartbeat that succeeded (recent ones, to ignore a command the server sends again). */
  acked: string[];
}

/** Runs a remote command. */
export interface CommandRunner {
  run(type: FleetCommandType): Promise<void>;
}

export const isFleetCommandType = (t: string): t is FleetCommandType => (FLEET_COMMAND_TYPES as readonly string[]).includes(t);

/**
 * Remote commands run at most once and are acknowledged exactly once: a command is recorded as taken (persisted in
 * sync_state) before it runs — a relaunch ends the process mid-run — and its id goes into `acked` of the next
 * heartbeat; only when that heartbeat succeeded does it move to the history. Ids seen before are never run again.
 */
export function createCommandLedger(store: KeyValueStore) {
  const load = (): LedgerState => {
    const s = store.get<LedgerState>(LEDGER_KEY);
    return { toAck: Array.isArray(s?.toAck) ? s.toAck : [], acked: Array.isArray(s?.acked) ? s.acked : [] };
  };
  const save = (s: LedgerState) => store.set(LEDGER_KEY, { toAck: s.toAck, acked: s.acked.slice(-HISTORY) });

  return {
    /** Ids to send as `acked` in the next heartbeat. */
    pendingAcks(): string[] {
      return load().toAck;
    },
    /** The heartbeat carrying these acks succeeded. */
    confirmAcked(ids: string[]): void {
      const s = load();
      save({ toAck: s.toAck.filter((id) => !ids.includes(id)), acked: [...s.acked.filter((id) => !ids.includes(id)), ...ids] });
    },
    /**
     * Takes the new commands from a heartbeat reply, records them, then runs them one after another.
     * Returns the commands that were run (unknown types are acknowledged without running).
     */
    async take(commands: FleetCommand[], runner: CommandRunner, onError: (c: FleetCommand, err: unknown) => void): Promise<FleetCommand[]> {
      const s = load();
      const seen = new Set([...s.toAck, ...s.acked]);
      const fresh: FleetCommand[] = [];
      for (const c of commands) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        fresh.push(c);
      }
      if (fresh.length === 0) return [];
      save({ toAck: [...s.toAck, ...fresh.map((c) => c.id)], acked: s.acked });
      const ran: FleetCommand[] = [];
      for (const c of fresh) {
        if (!isFleetCommandType(c.type)) {
          onError(c, new Error(`unknown command type ${c.type}`));
          continue;
        }
        try {
          await runner.run(c.type);
          ran.push(c);
        } catch (err) {
          onError(c, err);
        }
      }
      return ran;
    },
  };
}

export type CommandLedger = ReturnType<typeof createCommandLedger>;
