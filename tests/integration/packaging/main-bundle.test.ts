// What the packaged app will need at run time: every module the built main
// process imports must be a declared dependency (electron-builder ships only
// those), and every native module among them must be known and unpacked.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? jsFiles(path.join(dir, e.name))
        : e.name.endsWith('.js')
          ? [path.join(dir, e.name)]
          : [],
    );
}

function packageOf(spec: string): string {
  return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
}

describe('the built main process', () => {
  const files = jsFiles(path.join(root, 'out/main')).filter((f) => !f.endsWith('webhost.js'));
  const imported = new Set<string>();
  for (const f of files) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/(?:from\s+|import\(\s*|require\(\s*)["']([^"'./][^"']*)["']/g))
      imported.add(packageOf(m[1]!));
  }

  it('imports only Node built-ins, electron and declared dependencies', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((b) => `node:${b}`)]);
    const missing = [...imported].filter(
      (m) =>
        !builtins.has(m) && !m.startsWith('node:') && m !== 'electron' && !(m in pkg.dependencies),
    );
    expect(imported.size).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });

  it('has exactly one native module among its dependencies: better-sqlite3 (unpacked from asar)', () => {
    const native = new Set<string>();
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const dir = path.join(root, 'node_modules', name);
      if (!fs.existsSync(dir)) return;
      if (fs.existsSync(path.join(dir, 'binding.gyp'))) native.add(name);
      const p = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const d of Object.keys(p.dependencies ?? {})) visit(d);
    };
    for (const d of Object.keys(pkg.dependencies)) visit(d);
    expect([...native]).toEqual(['better-sqlite3']);
  });
});
