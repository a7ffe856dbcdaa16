import type { FacetCounts } from '../../../shared/contract/offers';
import { TIMES_OF_DAY } from '../../../shared/contract/offers';
import { WEEKDAYS } from '../../../shared/schemas/offer';
import { emptyFacetCounts, FACET_BITS, type CompiledCriteria, type OfferFacts } from '../../../shared/logic/offer-filter';

/**
 * The filterable facts of every active offer in columns (typed arrays and id numbers instead of objects and
 * strings), so that filtering and disjunctive facet counts over 10,000 offers stay well under a millisecond or two.
 *
 * The rules are not re-implemented here: the columns are filled from `offerFacts` (shared/logic/offer-filter.ts),
 * and `failed`/`countFacets` below mirror `failedFacets`/`countFacets` there one to one — a test compares both
 * on random queries (facet-columns.test.ts).
 */

const F_INTERESTS = FACET_BITS.interests;
const F_AGE = FACET_BITS.ageGroups;
const F_DISTRICT = FACET_BITS.districts;
const F_WEEKDAY = FACET_BITS.weekdays;
const F_TIME = FACET_BITS.timesOfDay;
const F_WHEN = FACET_BITS.when;
const F_FREE = FACET_BITS.free;
const F_WHEELCHAIR = FACET_BITS.wheelchair;

const FLAG_FREE = 1;
const FLAG_WHEELCHAIR = 2;
const FLAG_ALL_AGES = 4;
const FLAG_TODAY = 8;
const FLAG_WEEK = 16;

/** Ids of one facet as small numbers: the taxonomy's ids first (always counted), then any other id seen on an offer. */
class Dictionary {
  readonly ids: string[];
  readonly taxonomySize: number;
  private readonly index = new Map<string, number>();
  constructor(taxonomyIds: readonly string[]) {
    this.ids = [];
    for (const id of taxonomyIds) this.add(id);
    this.taxonomySize = this.ids.length;
  }
  add(id: string): number {
    let n = this.index.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.ids.push(id);
      this.index.set(id, n);
    }
    return n;
  }
  get(id: string): number | undefined {
    return this.index.get(id);
  }
  get size(): number {
    return this.ids.length;
  }
}

/** A multi-valued column in compressed-row form: the values of row i are values[start[i] .. start[i+1]). */
interface MultiColumn {
  start: Int32Array;
  values: Int32Array;
}

function multiColumn(rows: readonly (readonly string[])[], dict: Dictionary): MultiColumn {
  const start = new Int32Array(rows.length + 1);
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    start[i] = total;
    total += rows[i]!.length;
  }
  start[rows.length] = total;
  const values = new Int32Array(total);
  let k = 0;
  for (const row of rows) for (const id of row) values[k++] = dict.add(id);
  return { start, values };
}

export interface FacetColumns {
  readonly size: number;
  readonly interests: MultiColumn;
  readonly ageGroups: MultiColumn;
  /**
   * The same as one bit per id (bit n: id number n) when the facet has at most 32 ids (a town's taxonomy has about a
   * dozen interests and a handful of age groups), else null: testing a filter is then one AND per offer instead of a
   * walk through its ids (the interest test was 17 % of the CPU time of 'text + interest + age' at 100,000 offers).
   */
  readonly interestBits: Uint32Array | null;
  readonly ageGroupBits: Uint32Array | null;
  /** -1: no district */
  readonly district: Int32Array;
  readonly weekdays: Uint8Array;
  readonly times: Uint8Array;
  readonly flags: Uint8Array;
  /** km from the kiosk; NaN without a location (fails every distance limit) */
  readonly distance: Float64Array;
  readonly dict: { interests: Dictionary; ageGroups: Dictionary; districts: Dictionary };
}

/** One 32-bit mask per row of `col` (bit n: id number n), or null when the dictionary has more than 32 ids. */
function idBits(col: MultiColumn, dict: Dictionary): Uint32Array | null {
  if (dict.size > 32) return null;
  const bits = new Uint32Array(col.start.length - 1);
  for (let i = 0; i < bits.length; i++) for (let k = col.start[i]!; k < col.start[i + 1]!; k++) bits[i]! |= 1 << col.values[k]!;
  return bits;
}

export function facetColumns(
  facts: readonly OfferFacts[],
  taxonomyIds: { interests: readonly string[]; ageGroups: readonly string[]; districts: readonly string[] },
): FacetColumns {
  const n = facts.length;
  const dict = {
    interests: new Dictionary(taxonomyIds.interests),
    ageGroups: new Dictionary(taxonomyIds.ageGroups),
    districts: new Dictionary(taxonomyIds.districts),
  };
  const district = new Int32Array(n);
  const weekdays = new Uint8Array(n);
  const times = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const distance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = facts[i]!;
    district[i] = f.district === null ? -1 : dict.districts.add(f.district);
    weekdays[i] = f.weekdays;
    times[i] = f.times;
    flags[i] =
      (f.free ? FLAG_FREE : 0) |
      (f.wheelchairYes ? FLAG_WHEELCHAIR : 0) |
      (f.allAges ? FLAG_ALL_AGES : 0) |
      (f.today ? FLAG_TODAY : 0) |
      (f.week ? FLAG_WEEK : 0);
    distance[i] = f.distanceKm ?? NaN;
  }
  const interests = multiColumn(
    facts.map((f) => f.interests),
    dict.interests,
  );
  const ageGroups = multiColumn(
    facts.map((f) => f.ageGroups),
    dict.ageGroups,
  );
  return {
    size: n,
    interests,
    ageGroups,
    interestBits: idBits(interests, dict.interests),
    ageGroupBits: idBits(ageGroups, dict.ageGroups),
    district,
    weekdays,
    times,
    flags,
    distance,
    dict,
  };
}

/** Criteria as lookup tables over the columns' id numbers. */
export interface ColumnCriteria {
  interests: Uint8Array | null;
  ageGroups: Uint8Array | null;
  /** the wanted ids as a mask over FacetColumns.interestBits / ageGroupBits (0 where those are null or nothing is wanted) */
  interestMask: number;
  ageGroupMask: number;
  districts: Uint8Array | null;
  weekdays: number;
  times: number;
  whenFlag: number;
  freeOnly: boolean;
  wheelchairOnly: boolean;
  maxDistanceKm: number;
  /** nothing selected and no distance limit: every row matches */
  none: boolean;
}

/** The ids marked in `table` as a mask (see idBits); 0 without a table or bits. */
function maskOf(table: Uint8Array | null, bits: Uint32Array | null): number {
  let m = 0;
  if (table && bits) for (let n = 0; n < table.length; n++) if (table[n] === 1) m |= 1 << n;
  return m;
}

function wanted(set: ReadonlySet<string> | null, dict: Dictionary): Uint8Array | null {
  if (!set) return null;
  const table = new Uint8Array(dict.size); // ids no offer carries cannot match anything
  for (const id of set) {
    const n = dict.get(id);
    if (n !== undefined) table[n] = 1;
  }
  return table;
}

export function columnCriteria(cols: FacetColumns, c: CompiledCriteria): ColumnCriteria {
  const none =
    !c.interests && !c.ageGroups && !c.districts && c.weekdays === 0 && c.times === 0 && c.when === 'any' && !c.freeOnly && !c.wheelchairOnly && c.maxDistanceKm === undefined;
  const interests = wanted(c.interests, cols.dict.interests);
  const ageGroups = wanted(c.ageGroups, cols.dict.ageGroups);
  return {
    none,
    interests,
    ageGroups,
    interestMask: maskOf(interests, cols.interestBits),
    ageGroupMask: maskOf(ageGroups, cols.ageGroupBits),
    districts: wanted(c.districts, cols.dict.districts),
    weekdays: c.weekdays,
    times: c.times,
    whenFlag: c.when === 'today' ? FLAG_TODAY : c.when === 'week' ? FLAG_WEEK : 0,
    freeOnly: c.freeOnly,
    wheelchairOnly: c.wheelchairOnly,
    maxDistanceKm: c.maxDistanceKm ?? Infinity,
  };
}

function anyWanted(col: MultiColumn, i: number, table: Uint8Array): boolean {
  for (let k = col.start[i]!, end = col.start[i + 1]!; k < end; k++) if (table[col.values[k]!] === 1) return true;
  return false;
}

/** Passes the distance limit (not a facet: always applied). */
export function passesDistance(cols: FacetColumns, i: number, c: ColumnCriteria): boolean {
  return c.maxDistanceKm === Infinity || cols.distance[i]! <= c.maxDistanceKm; // NaN (no location) fails
}

/** Bit set of the facets whose current selection offer i fails (0 = passes all); see failedFacets in offer-filter.ts. */
export function failed(cols: FacetColumns, i: number, c: ColumnCriteria): number {
  let f = 0;
  const flags = cols.flags[i]!;
  if (c.interests && !(cols.interestBits ? (cols.interestBits[i]! & c.interestMask) !== 0 : anyWanted(cols.interests, i, c.interests))) f |= F_INTERESTS;
  if (c.ageGroups && (flags & FLAG_ALL_AGES) === 0 && !(cols.ageGroupBits ? (cols.ageGroupBits[i]! & c.ageGroupMask) !== 0 : anyWanted(cols.ageGroups, i, c.ageGroups))) f |= F_AGE;
  if (c.districts) {
    const d = cols.district[i]!;
    if (d < 0 || c.districts[d] !== 1) f |= F_DISTRICT;
  }
  if (c.weekdays !== 0 && (cols.weekdays[i]! & c.weekdays) === 0) f |= F_WEEKDAY;
  if (c.times !== 0 && (cols.times[i]! & c.times) === 0) f |= F_TIME;
  if (c.whenFlag !== 0 && (flags & c.whenFlag) === 0) f |= F_WHEN;
  if (c.freeOnly && (flags & FLAG_FREE) === 0) f |= F_FREE;
  if (c.wheelchairOnly && (flags & FLAG_WHEELCHAIR) === 0) f |= F_WHEELCHAIR;
  return f;
}

export function matches(cols: FacetColumns, i: number, c: ColumnCriteria): boolean {
  return passesDistance(cols, i, c) && failed(cols, i, c) === 0;
}

/** The raw counts of `countFacets`, before they become FacetCounts (bit-mask facets as histograms of masks). */
interface Tally {
  interests: Int32Array;
  ageGroups: Int32Array;
  districts: Int32Array;
  weekdayMasks: Int32Array;
  timeMasks: Int32Array;
  whenFlags: Int32Array;
  /** offers for all ages (added to every age group at the end), free, wheelchair */
  allAges: number;
  free: number;
  wheelchair: number;
}

function emptyTally(dict: FacetColumns['dict']): Tally {
  return {
    interests: new Int32Array(dict.interests.size),
    ageGroups: new Int32Array(dict.ageGroups.size),
    districts: new Int32Array(dict.districts.size),
    weekdayMasks: new Int32Array(128),
    timeMasks: new Int32Array(8),
    whenFlags: new Int32Array(32),
    allAges: 0,
    free: 0,
    wheelchair: 0,
  };
}

function copyTally(t: Tally): Tally {
  return {
    ...t,
    interests: t.interests.slice(),
    ageGroups: t.ageGroups.slice(),
    districts: t.districts.slice(),
    weekdayMasks: t.weekdayMasks.slice(),
    timeMasks: t.timeMasks.slice(),
    whenFlags: t.whenFlags.slice(),
  };
}

/**
 * Adds row i (`by` 1) or takes it away (`by` -1) in every facet, as when nothing is selected: then every row passes
 * and counts everywhere, so counts add up row by row.
 */
function tallyRow(cols: FacetColumns, i: number, t: Tally, by: number): void {
  const flags = cols.flags[i]!;
  const { start: iStart, values: iValues } = cols.interests;
  const { start: aStart, values: aValues } = cols.ageGroups;
  for (let k = iStart[i]!, end = iStart[i + 1]!; k < end; k++) t.interests[iValues[k]!]! += by;
  if (flags & FLAG_ALL_AGES) {
    t.allAges += by;
    const ageTaxonomy = cols.dict.ageGroups.taxonomySize;
    for (let k = aStart[i]!, end = aStart[i + 1]!; k < end; k++) if (aValues[k]! >= ageTaxonomy) t.ageGroups[aValues[k]!]! += by;
  } else for (let k = aStart[i]!, end = aStart[i + 1]!; k < end; k++) t.ageGroups[aValues[k]!]! += by;
  if (cols.district[i]! >= 0) t.districts[cols.district[i]!]! += by;
  t.weekdayMasks[cols.weekdays[i]!]! += by;
  t.timeMasks[cols.times[i]!]! += by;
  t.whenFlags[flags]! += by;
  if (flags & FLAG_FREE) t.free += by;
  if (flags & FLAG_WHEELCHAIR) t.wheelchair += by;
}

/** Counts of every row with nothing selected (the list before any text or filter), computed once per set of columns. */
const tallies = new WeakMap<FacetColumns, Tally>();
function tallyOfAll(cols: FacetColumns): Tally {
  let t = tallies.get(cols);
  if (!t) {
    t = emptyTally(cols.dict);
    for (let i = 0; i < cols.size; i++) tallyRow(cols, i, t, 1);
    tallies.set(cols, t);
  }
  return t;
}

/**
 * Nothing selected: every row counts everywhere. All rows: the counts kept for all (no pass over the rows). More than
 * half of them (a first keystroke's hits): those of all rows minus the rows not among them. Else row by row.
 */
function tallyUnfiltered(cols: FacetColumns, rows: Int32Array | null): Tally {
  if (!rows) return tallyOfAll(cols);
  if (rows.length <= cols.size / 2) {
    const t = emptyTally(cols.dict);
    for (let r = 0; r < rows.length; r++) tallyRow(cols, rows[r]!, t, 1);
    return t;
  }
  const t = copyTally(tallyOfAll(cols));
  for (let r = 0, i = 0; i < cols.size; i++) {
    if (r < rows.length && rows[r] === i) r++;
    else tallyRow(cols, i, t, -1);
  }
  return t;
}

/** Disjunctive counts with a selection: a row counts towards facet X when it passes every other facet and the distance limit. */
function tallyFiltered(cols: FacetColumns, rows: Int32Array | null, c: ColumnCriteria, pass: Uint8Array | null): Tally {
  const t = emptyTally(cols.dict);
  const { interests, ageGroups, districts, weekdayMasks, timeMasks, whenFlags } = t;
  const ageTaxonomy = cols.dict.ageGroups.taxonomySize;
  const iStart = cols.interests.start;
  const iValues = cols.interests.values;
  const aStart = cols.ageGroups.start;
  const aValues = cols.ageGroups.values;
  let allAges = 0;
  let free = 0;
  let wheelchair = 0;
  const n = rows ? rows.length : cols.size;
  for (let r = 0; r < n; r++) {
    const i = rows ? rows[r]! : r;
    if (!passesDistance(cols, i, c)) {
      if (pass) pass[i] = 0;
      continue;
    }
    const fail = failed(cols, i, c);
    if (pass) pass[i] = fail === 0 ? 1 : 0;
    if (fail !== 0 && (fail & (fail - 1)) !== 0) continue; // fails two or more facets: counts nowhere
    const flags = cols.flags[i]!;
    if ((fail & ~F_INTERESTS) === 0) for (let k = iStart[i]!, end = iStart[i + 1]!; k < end; k++) interests[iValues[k]!]!++;
    if ((fail & ~F_AGE) === 0) {
      if (flags & FLAG_ALL_AGES) {
        allAges++;
        for (let k = aStart[i]!, end = aStart[i + 1]!; k < end; k++) if (aValues[k]! >= ageTaxonomy) ageGroups[aValues[k]!]!++;
      } else for (let k = aStart[i]!, end = aStart[i + 1]!; k < end; k++) ageGroups[aValues[k]!]!++;
    }
    if ((fail & ~F_DISTRICT) === 0 && cols.district[i]! >= 0) districts[cols.district[i]!]!++;
    if ((fail & ~F_WEEKDAY) === 0) weekdayMasks[cols.weekdays[i]!]!++;
    if ((fail & ~F_TIME) === 0) timeMasks[cols.times[i]!]!++;
    if ((fail & ~F_WHEN) === 0) whenFlags[flags]!++;
    if ((fail & ~F_FREE) === 0 && flags & FLAG_FREE) free++;
    if ((fail & ~F_WHEELCHAIR) === 0 && flags & FLAG_WHEELCHAIR) wheelchair++;
  }
  return { ...t, allAges, free, wheelchair };
}

/**
 * Disjunctive facet counts over the rows in `rows` (ascending, distinct; all rows when null), exactly as countFacets
 * in offer-filter.ts: a row counts towards facet X when it passes every other facet and the distance limit.
 * Bit-mask facets (weekdays, times of day, flags) are gathered as histograms of masks and expanded once at the end;
 * an offer for all ages is counted once and added to every age group at the end.
 * With `pass`, also notes for each row whether it passes the filters (pass[i] = 1, else 0; other slots untouched):
 * the search's result list is then those rows, without testing the filters a second time. With nothing selected
 * every row passes and `pass` is not needed (it is not written).
 */
export function countFacets(cols: FacetColumns, rows: Int32Array | null, c: ColumnCriteria, pass?: Uint8Array | null): FacetCounts {
  const { dict } = cols;
  const t = c.none ? tallyUnfiltered(cols, rows) : tallyFiltered(cols, rows, c, pass ?? null);
  const ageTaxonomy = dict.ageGroups.taxonomySize;
  const ageGroups = t.ageGroups.slice();
  for (let g = 0; g < ageTaxonomy; g++) ageGroups[g]! += t.allAges;

  const counts = emptyFacetCounts({
    interests: dict.interests.ids.slice(0, dict.interests.taxonomySize),
    ageGroups: dict.ageGroups.ids.slice(0, ageTaxonomy),
    districts: dict.districts.ids.slice(0, dict.districts.taxonomySize),
  });
  const fill = (out: Record<string, number>, d: Dictionary, values: Int32Array) => {
    // taxonomy ids always appear (0 when nothing matches); other ids only where an offer counted
    for (let k = 0; k < d.size; k++) if (k < d.taxonomySize || values[k]! > 0) out[d.ids[k]!] = values[k]!;
  };
  fill(counts.interests, dict.interests, t.interests);
  fill(counts.ageGroups, dict.ageGroups, ageGroups);
  fill(counts.districts, dict.districts, t.districts);
  const expand = (masks: Int32Array, bit: number) => {
    let total = 0;
    for (let m = 0; m < masks.length; m++) if (m & bit) total += masks[m]!;
    return total;
  };
  WEEKDAYS.forEach((d, b) => (counts.weekdays[d] = expand(t.weekdayMasks, 1 << b)));
  TIMES_OF_DAY.forEach((tod, b) => (counts.timesOfDay[tod] = expand(t.timeMasks, 1 << b)));
  counts.when = { any: t.whenFlags.reduce((a, b) => a + b, 0), today: expand(t.whenFlags, FLAG_TODAY), week: expand(t.whenFlags, FLAG_WEEK) };
  counts.free = t.free;
  counts.wheelchair = t.wheelchair;
  return counts;
}
