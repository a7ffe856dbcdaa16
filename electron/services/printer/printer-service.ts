import { printerError, type PrinterState, type PrinterStatus } from '../../../shared/contract/printing';
import type { Clock } from '../../../shared/logic/clock';
import type { Log } from '../log';
import {
  DLE_EOT_OFFLINE_CAUSE,
  DLE_EOT_PAPER_SENSOR,
  DLE_EOT_PRINTER,
  interpretStatus,
  type StatusVerdict,
} from './escpos-status';
import { PrintQueue } from './print-queue';
import { PrinterLinkError, type PrinterLink, type PrinterTransport } from './printer-transport';

export interface PrinterTimeouts {
  /** Connecting to the printer. */
  connectMs: number;
  /** Waiting for one status reply: no reply in this time means the printer is silent (offline). */
  statusMs: number;
  /** Sending one job's bytes (a printer that stopped taking data, e.g. jammed, hits this). */
  writeMs: number;
}

export const DEFAULT_PRINTER_TIMEOUTS: PrinterTimeouts = { connectMs: 2000, statusMs: 2000, writeMs: 10_000 };

export interface PrinterServiceDeps {
  /** The transport for the current configuration, or null when no printer is configured. Called on every use (config may change live). */
  transport(): PrinterTransport | null;
  clock: Clock;
  log: Log;
  timeouts?: Partial<PrinterTimeouts>;
  maxWaiting?: number;
}

export interface PrintOutcome {
  jobId: string;
  /** Paper near its end after this job. */
  paperLow: boolean;
}

/**
 * Talks to the receipt printer: status before and after each job, one job at a time,
 * every failure turned into a `printer_error` with a machine-readable reason.
 */
export class PrinterService {
  private readonly queue: PrintQueue;
  private readonly timeouts: PrinterTimeouts;
  private counter = 0;
  private last: PrinterStatus | null = null;
  private statusInFlight: Promise<PrinterStatus> | null = null;

  constructor(private readonly deps: PrinterServiceDeps) {
    this.queue = new PrintQueue(deps.maxWaiting ?? 5);
    this.timeouts = { ...DEFAULT_PRINTER_TIMEOUTS, ...deps.timeouts };
  }

  /** A job is printing or waiting (the update policy never installs meanwhile). */
  get busy(): boolean {
    return this.queue.busy;
  }

  /**
   * Current state. Never delays a print job: status checks run beside the job queue, one at a time
   * (callers asking meanwhile share the answer), and while a job runs the state that job saw is returned.
   */
  async status(): Promise<PrinterStatus> {
    const transport = this.deps.transport();
    if (!transport) return this.remember('none');
    if (this.queue.busy && this.last) return this.last;
    if (!this.statusInFlight) {
      this.statusInFlight = this.queryStatus(transport).finally(() => {
        this.statusInFlight = null;
      });
    }
    return this.statusInFlight;
  }

  private async queryStatus(transport: PrinterTransport): Promise<PrinterStatus> {
    let link: PrinterLink;
    try {
      link = await transport.open(this.timeouts.connectMs);
    } catch {
      return this.remember('offline');
    }
    try {
      const verdict = await this.readStatus(link);
      return this.remember(verdict === 'error' ? 'offline' : verdict);
    } catch {
      return this.remember('offline');
    } finally {
      link.close();
    }
  }

  /** Prints `bytes` as one job; resolves once the printer took the job and reported no problem afterwards. */
  print(bytes: Uint8Array, what: string): Promise<PrintOutcome> {
    const transport = this.deps.transport();
    if (!transport) return Promise.reject(printerError('not_configured', 'no printer configured'));
    const jobId = `job-${this.deps.clock.now().getTime().toString(36)}-${++this.counter}`;
    const run = this.queue.enqueue(() => this.runJob(transport, bytes, jobId, what));
    if (!run) return Promise.reject(printerError('busy', `${this.queue.length} jobs waiting`));
    return run;
  }

  private async runJob(transport: PrinterTransport, bytes: Uint8Array, jobId: string, what: string): Promise<PrintOutcome> {
    const { log } = this.deps;
    let link: PrinterLink;
    try {
      link = await transport.open(this.timeouts.connectMs);
    } catch (err) {
      this.remember('offline');
      log.warn('print job failed: printer not reachable', { jobId, what, printer: transport.description, error: errText(err) });
      throw printerError('offline', errText(err));
    }
    try {
      const before = await this.checkedStatus(link, jobId, 'before');
      await link.write(bytes, this.timeouts.writeMs).catch((err: unknown) => {
        throw this.linkFailure(err, jobId, 'sending');
      });
      const after = await this.checkedStatus(link, jobId, 'after');
      log.info('print job done', { jobId, what, bytes: bytes.length, printer: transport.description });
      return { jobId, paperLow: before === 'paper_low' || after === 'paper_low' };
    } finally {
      link.close();
    }
  }

  /** Reads the status and throws the matching printer_error unless the printer can print. */
  private async checkedStatus(link: PrinterLink, jobId: string, when: 'before' | 'after'): Promise<'ok' | 'paper_low'> {
    let verdict: StatusVerdict;
    try {
      verdict = await this.readStatus(link);
    } catch (err) {
      throw this.linkFailure(err, jobId, `status ${when} job`);
    }
    this.remember(verdict === 'error' ? 'offline' : verdict);
    if (verdict === 'ok' || verdict === 'paper_low') return verdict;
    this.deps.log.warn('print job failed: printer reports a problem', { jobId, when, state: verdict });
    const reason = verdict === 'error' ? 'failed' : verdict;
    throw printerError(reason, `printer reports ${verdict} ${when} the job`);
  }

  private linkFailure(err: unknown, jobId: string, during: string) {
    if (err instanceof PrinterLinkError) {
      this.remember('offline');
      this.deps.log.warn('print job failed', { jobId, during, failure: err.failure, error: err.message });
      return printerError(err.failure, `${during}: ${err.message}`);
    }
    this.deps.log.error('print job failed', { jobId, during, error: errText(err) });
    return printerError('failed', `${during}: ${errText(err)}`);
  }

  private async readStatus(link: PrinterLink): Promise<StatusVerdict> {
    const t = this.timeouts.statusMs;
    const printer = await link.query(DLE_EOT_PRINTER, t);
    const offlineCause = await link.query(DLE_EOT_OFFLINE_CAUSE, t);
    const paper = await link.query(DLE_EOT_PAPER_SENSOR, t);
    return interpretStatus({ printer, offlineCause, paper });
  }

  private remember(state: PrinterState): PrinterStatus {
    this.last = { state, checkedAt: this.deps.clock.now().toISOString() };
    return this.last;
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
