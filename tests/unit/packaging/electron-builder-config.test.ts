// electron-builder.yml checked by electron-builder's own schema validator
// (so a typo fails here, not on release night), plus the settings the
// newsroom depends on: fuses, native module unpacking, icons, entitlements.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
type Validate = (config: unknown, logger: unknown) => Promise<void>;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration: Validate;
};
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

type Config = Record<string, unknown> & {
  electronFuses: Record<string, boolean>;
  asarUnpack: string[];
  files: string[];
  nsis: Record<string, unknown>;
  mac: Record<string, unknown>;
  win: Record<string, unknown>;
  linux: { target: Array<{ target: string }> };
  publish: Array<Record<string, unknown>>;
};
const config = parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('fails that validation on a misspelt option (the check can fail)', async () => {
    const typo = structuredClone(config);
    (typo.nsis as Record<string, unknown>).oneClik = false;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(
      /does not match the API schema/,
    );
  });

  it('sets the Electron fuses: no RunAsNode, no NODE_OPTIONS or --inspect, cookie encryption, asar only with integrity', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('rebuilds native modules for Electron and keeps them outside the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('ships the built app and not the web host, tests or source maps', () => {
    expect(config.files).toEqual(
      expect.arrayContaining([
        'out/main/**',
        'out/preload/**',
        'out/renderer/**',
        'package.json',
        '!out/main/webhost.js',
        '!**/*.map',
      ]),
    );
  });

  it('builds NSIS (per-user or per-machine, chosen at install), dmg+zip with hardened runtime and notarization, AppImage+deb', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.win).toMatchObject({ signtoolOptions: { publisherName: 'Rongmei' } });
    expect(config.publish[0]).toMatchObject({ provider: 'generic' });
    // The feed is one folder for every channel (server/updates serves latest*.yml and beta*.yml there).
    expect(String(config.publish[0]!.url)).toMatch(/\/updates\/$/);
  });

  it('has the icons it names, big enough for every platform', () => {
    const png = fs.readFileSync(path.join(root, 'resources/icons/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // width
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512); // height
    const ico = fs.readFileSync(path.join(root, 'resources/icons/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1); // icon resource
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it('grants the hardened runtime only JIT', () => {
    const plist = fs.readFileSync(
      path.join(root, 'resources/build/entitlements.mac.plist'),
      'utf8',
    );
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toMatch(
      /disable-library-validation|allow-dyld-environment-variables|device\.(camera|audio-input)/,
    );
  });
});
