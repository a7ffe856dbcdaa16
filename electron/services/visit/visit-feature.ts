import type { KioskHandlers } from '../../../shared/contract';
import { KioskApiError } from '../../../shared/contract/define';
import { VISIT_LIMITS, type VisitLimitKind } from '../../../shared/contract/visit';
import type { Feature, ServiceDeps } from '../feature';

type VisitHandlers = Pick<KioskHandlers, 'endVisit'>;
type Limited = Pick<KioskHandlers, 'printSlip' | 'submitWish'>;

/**
 * Per-visitor-session limits on wishes and slips (issue 13, shared/contract/visit.ts). Counted on the main side, so
 * a page that skips the UI cannot get around them. A place is reserved before the call and given back when the call
 * fails (a print that jammed, a wish that could not be stored does not count). The visit ends with `endVisit` (the
 * renderer's idle reset) or, without it, after the idle reset's time (`idle.warnAfterS + idle.countdownS`) without
 * any attempt to send or print.
 */
export function createVisitFeature(deps: Pick<ServiceDeps, 'clock' | 'config' | 'log'>, limits: Record<VisitLimitKind, number> = VISIT_LIMITS) {
  const used: Record<VisitLimitKind, number> = { wishes: 0, slips: 0 };
  let lastAt = Number.NEGATIVE_INFINITY;

  const clear = () => {
    used.wishes = 0;
    used.slips = 0;
    lastAt = Number.NEGATIVE_INFINITY;
  };
  const visitOver = (now: number) => {
    const idle = deps.config.get().idle;
    return now - lastAt >= (idle.warnAfterS + idle.countdownS) * 1000;
  };

  async function within<T>(kind: VisitLimitKind, run: () => Promise<T>): Promise<T> {
    const now = deps.clock.now().getTime();
    if (visitOver(now)) clear();
    // an attempt over the limit is the visitor still at the screen: it keeps the visit going
    lastAt = now;
    if (used[kind] >= limits[kind]) {
      deps.log.info('visit limit reached', { kind, limit: limits[kind] });
      throw new KioskApiError('limit_reached', kind);
    }
    used[kind]++;
    try {
      return await run();
    } catch (err) {
      used[kind]--;
      throw err;
    }
  }

  /** Wraps the calls a visitor makes from outside (renderer, browser); staff calls (testPrint) stay unlimited. */
  function limitVisit<H extends Limited>(h: H): H {
    return {
      ...h,
      printSlip(req, ctx) {
        return within('slips', () => h.printSlip(req, ctx));
      },
      submitWish(input, ctx) {
        return within('wishes', () => h.submitWish(input, ctx));
      },
    };
  }

  const handlers: VisitHandlers = {
    async endVisit() {
      clear();
      return { ok: true as const };
    },
  };

  const feature: Feature<VisitHandlers> & { limitVisit: typeof limitVisit; used: () => Readonly<Record<VisitLimitKind, number>> } = {
    handlers,
    limitVisit,
    used: () => ({ ...used }),
  };
  return feature;
}
