/** The nightly maintenance window from kiosk.json: local wall-clock times in a time zone. */
export interface MaintenanceWindow {
  start: string; // HH:MM
  end: string; // HH:MM
  tz: string;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Wall-clock minutes after midnight of `at` in the time zone `tz` (falls back to UTC for an unknown zone). */
export function localMinutes(at: Date, tz: string): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  } catch {
    return at.getUTCHours() * 60 + at.getUTCMinutes();
  }
  const h = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const m = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return (h % 24) * 60 + m;
}

/** Local calendar day (YYYY-MM-DD) of `at` in `tz`; the key for "once per night". */
export function localDay(at: Date, tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return at.toISOString().slice(0, 10);
  }
}

/**
 * Whether `at` lies inside the window [start, end) in its time zone. A window whose end is before its start
 * wraps midnight (e.g. 23:00–01:00). start == end means an empty window.
 */
export function isInsideWindow(at: Date, window: MaintenanceWindow): boolean {
  const now = localMinutes(at, window.tz);
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}
