import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';

/**
 * Binaries cannot be built here (no Electron download), so the packaging configuration is checked as electron-builder
 * itself reads it: its own loader and schema validation, then the fields the kiosk depends on.
 */
const ROOT = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

async function loadBuilderConfig() {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('packaging (electron-builder)', () => {
  it('is valid for electron-builder and complete: ids, targets, files, native module, fuses hook, update feed', async () => {
    const c = await loadBuilderConfig();
    expect(c.appId).toBe('de.siegburg.gemeinsam.kiosk');
    expect(c.productName).toBe('GEMEINSAM Kiosk');
    const files = (c.files as (string | { filter: string[] })[]).flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(files).toContain('out/**');
    expect(files).toContain('!out/**/*.map');
    expect(c.asar).toBe(true);
    expect(c.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
    expect(c.linux.target.map((t: { target: string }) => t.target)).toEqual(['AppImage']);
    expect(c.win.target.map((t: { target: string }) => t.target)).toEqual(['nsis']);
    expect(c.afterPack).toBe('build/after-pack.cjs');
    expect(c.publish).toEqual([expect.objectContaining({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) })]);
    const pkg = require(join(ROOT, 'package.json'));
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('the afterPack hook sets every kiosk fuse', () => {
    const hook = require(join(ROOT, 'build/after-pack.cjs'));
    expect(typeof hook).toBe('function');
    expect(hook.KIOSK_FUSES).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('the hook finds the Electron binary the way electron-builder names it', () => {
    const { electronBinary } = require(join(ROOT, 'build/after-pack.cjs'));
    const packager = { executableName: 'gemeinsam-kiosk', appInfo: { productFilename: 'gemeinsam-kiosk' } };
    expect(electronBinary({ electronPlatformName: 'linux', appOutDir: '/o', packager })).toBe('/o/gemeinsam-kiosk');
    expect(electronBinary({ electronPlatformName: 'win32', appOutDir: '/o', packager })).toBe('/o/gemeinsam-kiosk.exe');
  });

  it('the hook calls @electron/fuses with the kiosk fuses on that binary', async () => {
    const fuses = require('@electron/fuses');
    const calls: unknown[][] = [];
    const original = fuses.flipFuses;
    fuses.flipFuses = async (...args: unknown[]) => void calls.push(args);
    try {
      const path = require.resolve(join(ROOT, 'build/after-pack.cjs'));
      delete require.cache[path];
      const hook = require(path);
      await hook({ electronPlatformName: 'linux', appOutDir: '/o', arch: 1, packager: { executableName: 'gemeinsam-kiosk', appInfo: {} } });
      expect(calls).toHaveLength(1);
      expect(calls[0]![0]).toBe('/o/gemeinsam-kiosk');
      expect(calls[0]![1]).toMatchObject({ ...hook.KIOSK_FUSES, version: fuses.FuseVersion.V1 });
    } finally {
      fuses.flipFuses = original;
    }
  });
});
