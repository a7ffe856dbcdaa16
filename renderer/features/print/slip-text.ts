/** Most characters a text QR code carries (still scannable from a screen at the size shown). */
const MAX_QR_TEXT = 400;

/** The slip as plain text for a QR code: lines joined, cut at a line end when too long. */
export function slipText(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    const next = out ? `${out}\n${line}` : line;
    if (next.length > MAX_QR_TEXT) break;
    out = next;
  }
  return out || (lines[0] ?? '').slice(0, MAX_QR_TEXT);
}
