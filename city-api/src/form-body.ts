import type { FastifyRequest } from 'fastify';

/**
 * The parsed `application/x-www-form-urlencoded` body (from @fastify/formbody: an object whose repeated keys are arrays)
 * as URLSearchParams, so handlers read `get` / `getAll` the same way for every form.
 */
export function formParams(req: FastifyRequest): URLSearchParams {
  const body = req.body;
  if (body instanceof URLSearchParams) return body;
  const out = new URLSearchParams();
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    for (const x of Array.isArray(v) ? v : [v]) if (typeof x === 'string') out.append(k, x);
  }
  return out;
}
