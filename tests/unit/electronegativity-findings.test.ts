import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { electronegativityFindings } from '../../scripts/test-all.mjs';

const HEADER = 'issue, severity, confidence, filename, location, sample, description, url';

describe('npm test: electronegativity step', () => {
  it('counts HIGH and MEDIUM findings only', () => {
    const csv = [
      HEADER,
      'CSP_GLOBAL_CHECK,"LOW","FIRM","renderer/index.html","5:0",N/A,"x",https://example.org',
      'ELECTRON_VERSION_JSON_CHECK,"INFORMATIONAL","CERTAIN","package.json","1:0",N/A,"x",https://example.org',
      'AUXCLICK_JS_CHECK,"MEDIUM","FIRM","electron/pdf-renderer-glue.ts","17:18","const win = new BrowserWindow({","Limit, navigation",https://example.org',
      'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","electron/window/window-glue.ts","11:14","x","y",https://example.org',
      '',
    ].join('\n');
    expect(electronegativityFindings(csv)).toEqual([
      'AUXCLICK_JS_CHECK MEDIUM electron/pdf-renderer-glue.ts:17:18',
      'CONTEXT_ISOLATION_JS_CHECK HIGH electron/window/window-glue.ts:11:14',
    ]);
  });

  it('a report with no findings is clean', () => {
    expect(electronegativityFindings(`${HEADER}\n`)).toEqual([]);
  });
});
