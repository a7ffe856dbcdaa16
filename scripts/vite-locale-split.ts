import { parseAst, type Plugin } from 'vite';

/**
 * One chunk per language for the renderer's texts (issue 20). `renderer/i18n/index.ts` imports
 * `./namespaces?locale=<lang>`: German at once (it is every language's fallback), the others with `import()` when a
 * visitor picks them. For such an import this plugin
 *  - in the namespaces module, adds the same `?locale=<lang>` to each locale table it imports (except `keepAll`:
 *    tables every screen needs in all languages at once, e.g. the attract screen's invitation), and
 *  - in each locale table (`const x: LocaleTable = { de: {…}, 'de-LS': {…}, en: {…}, … }`), keeps only `<lang>`.
 * So the first screen's JavaScript holds German only, and a language's chunk only that language. Without the
 * plugin (unit tests) the query changes nothing: every import holds all languages, which index.ts handles alike.
 * A locale table that is not one such object literal fails the build instead of shipping every language.
 */
export function localeSplit(opts: { languages: readonly string[]; namespacesModule: RegExp; keepAll: RegExp }): Plugin {
  const languages = new Set(opts.languages);
  const keyName = (k: { type: string; name?: string; value?: unknown }) => (k.type === 'Identifier' ? k.name : typeof k.value === 'string' ? k.value : undefined);
  return {
    name: 'kiosk-locale-split',
    enforce: 'post', // after TypeScript is stripped: plain JavaScript
    transform(code, id) {
      const m = /\?locale=([A-Za-z-]+)$/.exec(id);
      if (!m) return null;
      const lang = m[1]!;
      if (!languages.has(lang)) this.error(`unknown locale "${lang}" in ${id}`);
      const file = id.slice(0, id.indexOf('?'));
      if (opts.namespacesModule.test(file)) {
        return code.replace(/(\bfrom\s*)(["'])([^"']+)\2/g, (all, from: string, q: string, spec: string) =>
          opts.keepAll.test(spec) || spec.includes('?') ? all : `${from}${q}${spec}?locale=${lang}${q}`,
        );
      }
      const ast = parseAst(code) as unknown as { body: AstNode[] };
      for (const stmt of ast.body) {
        if (stmt.type !== 'VariableDeclaration') continue;
        for (const d of stmt.declarations ?? []) {
          const init = d.init;
          if (init?.type !== 'ObjectExpression') continue;
          const props = init.properties ?? [];
          const keys = props.map((p) => (p.type === 'Property' && p.key ? keyName(p.key) : undefined));
          if (keys.length < 2 || !keys.every((k) => k !== undefined && languages.has(k))) continue;
          const kept = props.filter((_, i) => keys[i] === lang).map((p) => code.slice(p.start, p.end));
          return { code: `${code.slice(0, init.start)}{${kept.join(',')}}${code.slice(init.end)}`, map: null };
        }
      }
      this.error(`${file}: no locale table (an object literal keyed by language) to split for "${lang}"`);
    },
  };
}

interface AstNode {
  type: string;
  start: number;
  end: number;
  declarations?: { init?: AstNode | null }[];
  properties?: (AstNode & { key?: { type: string; name?: string; value?: unknown } })[];
}
