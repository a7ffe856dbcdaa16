import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORT } from './server';

export interface HostArgs {
  port: number;
  dataDir: string;
  rendererDir: string;
}

export const HOST_USAGE = 'Usage: npm run host -- [--port 4780] [--data-dir ./.kiosk-data]';

/** Parses `--port` (0 = any free port) and `--data-dir`; throws a plain message on anything else. */
export function parseHostArgs(argv: string[], projectRoot: string = process.cwd()): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const portText = values.port ?? String(DEFAULT_PORT);
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    throw new Error(`--port must be a number from 0 to 65535 (got ${JSON.stringify(portText)})`);
  }
  return {
    port: Number(portText),
    dataDir: resolve(values['data-dir'] ?? './.kiosk-data'),
    rendererDir: resolve(values['renderer-dir'] ?? resolve(projectRoot, 'out/renderer')),
  };
}
