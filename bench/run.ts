/**
 * `npm run bench [-- name]`: runs the benchmarks listed in bench/benches.ts, one after another.
 * A name that is exactly a bench's name runs that bench only (`-- search` runs search, not web-search); otherwise
 * every bench whose name contains it runs (`-- spee` runs speech and speech-tap).
 * Speed goals live here, not in tests (2 shared CPU cores make timing assertions in tests flaky).
 */
import { BENCHES, type Bench } from './benches';

/** The benches `filter` names: the one with exactly that name, else all whose name contains it; all without a filter. */
function selectBenches(benches: Bench[], filter: string | undefined): Bench[] {
  if (!filter) return benches;
  const exact = benches.filter((b) => b.name === filter);
  return exact.length > 0 ? exact : benches.filter((b) => b.name.includes(filter));
}

const filter = process.argv[2];
const selected = selectBenches(BENCHES, filter);
if (selected.length === 0) {
  console.error(`no bench matches "${filter}"; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const b of selected) {
  console.log(`\n## ${b.name}`);
  try {
    await b.run();
  } catch (err) {
    failed = true;
    console.error(`bench ${b.name} failed:`, err);
  }
}
process.exit(failed ? 1 : 0);
