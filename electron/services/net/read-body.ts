/**
 * Reads an HTTP response body with a size limit, also when no Content-Length was sent: stops reading and cancels
 * the stream as soon as it grows past `maxBytes`. Resolves to null when the body is too large; rejects when the
 * connection breaks while reading. The one body reader of the kiosk's HTTP clients (city API, fleet, wish outbox, usage stats,
 * online tiles), each of which turns null into its own error.
 */
export async function readBodyBounded(res: Response, maxBytes: number): Promise<Buffer | null> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    return null;
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
