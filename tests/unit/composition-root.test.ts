/**
 * "Nothing else constructs an adapter" (docs/architecture.md, Composition root): the real implementations of the
 * kiosk's adapter interfaces, and each feature's default-adapter set, are built only by the composition root
 * (electron/services/compose.ts with each feature's *-adapters.ts) and by the Electron host, which hands its glue
 * adapters to composeKiosk. A feature that builds its own transport, client or updater fails this test.
 *
 * Found from the source itself, not from a hand-kept list: an adapter constructor is an exported function whose
 * declared return type, or an exported class whose `implements` clause, names one of the adapter interfaces.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** The interfaces "behind which everything outside the process" sits. */
const ADAPTER_TYPES = [
  'PrinterTransport',
  'PdfRenderer',
  'CityApiClient',
  'HsdsClient',
  'WishTransport',
  'StatsTransport',
  'FleetClient',
  'Updater',
  'AppControl',
  'TileSource',
  'TilePack',
] as const;
const ADAPTER_TYPE_RE = new RegExp(`\\b(${ADAPTER_TYPES.join('|')})\\b`);
/** A feature's default adapters (defaultSyncAdapters, defaultFleetAdapters …): also for the root only. */
const DEFAULT_SET_RE = /^default\w*Adapters$/;

/** Where building an adapter is the job. Paths relative to the project, with forward slashes. */
const ALLOWED: { file: RegExp; why: string }[] = [
  { file: /^electron\/services\/compose\.ts$/, why: 'the composition root' },
  { file: /^electron\/services\/[\w-]+\/[\w-]+-adapters\.ts$/, why: "a feature's default adapters, called only by compose.ts" },
  { file: /^electron\/main\.ts$/, why: 'the Electron host passes its glue adapters (updater, app control, PDF) to composeKiosk' },
  {
    file: /^electron\/services\/tiles\/(tile-service|tile-pack|tile-boot-info)\.ts$/,
    why: 'the tile service is the tile adapter compose.ts builds; it opens the pack / online source kiosk.json names, anew when that changes live',
  },
];

const isTestFile = (rel: string) => /\.test\.tsx?$/.test(rel) || /(^|\/)test-[\w-]+\.ts$/.test(rel) || /-test-pack\.ts$/.test(rel);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

const rel = (abs: string) => relative(ROOT, abs).split(sep).join('/');
const parse = (name: string, text: string) => ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
const isExported = (n: ts.Node) => ts.canHaveModifiers(n) && !!ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Names of the adapter constructors a file exports. */
export function adapterConstructorsIn(sf: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const st of sf.statements) {
    if (!isExported(st)) continue;
    if (ts.isFunctionDeclaration(st) && st.name) {
      if (DEFAULT_SET_RE.test(st.name.text) || (st.type && ADAPTER_TYPE_RE.test(st.type.getText(sf)))) names.push(st.name.text);
    } else if (ts.isClassDeclaration(st) && st.name) {
      const implemented = st.heritageClauses?.filter((h) => h.token === ts.SyntaxKind.ImplementsKeyword).map((h) => h.getText(sf)) ?? [];
      if (implemented.some((t) => ADAPTER_TYPE_RE.test(t))) names.push(st.name.text);
    }
  }
  return names;
}

/** Every place (line) in `sf` that names one of `ctors` in code: a call, `new`, an import, an alias, a reference. */
export function usesIn(sf: ts.SourceFile, ctors: Set<string>): { name: string; line: number }[] {
  const found: { name: string; line: number }[] = [];
  const visit = (n: ts.Node) => {
    // Type positions do not build anything.
    if (ts.isTypeNode(n) && !ts.isExpressionWithTypeArguments(n)) return;
    if (ts.isIdentifier(n) && ctors.has(n.text)) {
      const p = n.parent;
      const isDeclarationName = (ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p)) && p.name === n;
      if (!isDeclarationName) found.push({ name: n.text, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

const files = sourceFiles(join(ROOT, 'electron'))
  .map((abs) => ({ rel: rel(abs), abs }))
  .filter((f) => !isTestFile(f.rel))
  .map((f) => ({ ...f, sf: parse(f.abs, readFileSync(f.abs, 'utf8')) }));

const constructors = new Map<string, string>(); // name -> defining file
for (const f of files) for (const name of adapterConstructorsIn(f.sf)) constructors.set(name, f.rel);

describe('composition root is the only place that builds adapters', () => {
  it('finds the adapter constructors from the source (the detection itself works)', () => {
    for (const known of [
      'createTcpPrinterTransport',
      'createDevicePrinterTransport',
      'createChromiumPdfRenderer',
      'createElectronPdfRenderer',
      'createFetchCityApiClient',
      'createHsdsClient',
      'createFetchWishTransport',
      'createFetchStatsTransport',
      'createHttpFleetClient',
      'NoUpdatesUpdater',
      'createElectronUpdater',
      'createBrowserHostAppControl',
      'createElectronAppControl',
      'OnlineTileSource',
      'MbtilesTileSource',
      'PmtilesTileSource',
      'defaultSyncAdapters',
      'defaultWishesAdapters',
      'defaultUsageAdapters',
      'defaultFleetAdapters',
      'defaultPrintingAdapters',
    ]) {
      expect(constructors.has(known), known).toBe(true);
    }
  });

  it('no file outside the root names an adapter constructor', () => {
    const ctors = new Set(constructors.keys());
    const offenders: string[] = [];
    for (const f of files) {
      if (ALLOWED.some((a) => a.file.test(f.rel))) continue;
      for (const use of usesIn(f.sf, ctors)) {
        if (constructors.get(use.name) === f.rel) continue; // its own module (e.g. a static factory)
        offenders.push(`${f.rel}:${use.line} ${use.name}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('catches a feature that builds its own transport, also through an alias or a dynamic import', () => {
    const ctors = new Set(['createFetchWishTransport', 'NoUpdatesUpdater']);
    const feature = parse(
      'electron/services/outbox/x-feature.ts',
      [
        "import { createFetchWishTransport as make } from './wish-transport';",
        'export const a = make();',
        "export const b = async () => new (await import('../updates/updater')).NoUpdatesUpdater();",
        "export type T = ReturnType<typeof import('./wish-transport').createFetchWishTransport>;",
      ].join('\n'),
    );
    expect(usesIn(feature, ctors)).toEqual([
      { name: 'createFetchWishTransport', line: 1 },
      { name: 'NoUpdatesUpdater', line: 3 },
    ]);
    const adapterModule = parse(
      'x.ts',
      'export function createX(): WishTransport { return null!; }\nexport class Y implements Partial<Updater> {}\nexport function helper(): number { return 1; }',
    );
    expect(adapterConstructorsIn(adapterModule)).toEqual(['createX', 'Y']);
  });
});
