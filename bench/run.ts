/**
 * `npm run bench [-- name-filter]`: runs the benchmarks listed in bench/benches.ts, one after another.
 * Speed goals live here, not in tests (2 shared CPU cores make timing assertions in tests flaky).
 */
import { BENCHES } from './benches';

const filter = process.argv[2];
const selected = filter ? BENCHES.filter((b) => b.name.includes(filter)) : BENCHES;
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
