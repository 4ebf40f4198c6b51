// Semantic versions as electron-builder writes them (1.4.2, 1.5.0-beta.3):
// parsing and ordering for the update feed, the channels and the IT pin.
// Build metadata (+…) is accepted and ignored in comparisons, as SemVer says.

const SEMVER_RE =
  /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-((?:0|[1-9]\d{0,8}|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d{0,8}|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: ReadonlyArray<string | number>;
}

/** Longest version string accepted anywhere (file names, URLs, policy). */
export const MAX_VERSION_LENGTH = 64;

export function parseSemver(v: string): SemVer | null {
  if (v.length > MAX_VERSION_LENGTH) return null;
  const m = SEMVER_RE.exec(v);
  if (!m) return null;
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease: m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [],
  };
}

export function isSemver(v: string): boolean {
  return parseSemver(v) !== null;
}

/** The prerelease tag's first part ("beta" in 1.5.0-beta.3), or null for a stable version. */
export function prereleaseTag(v: string): string | null {
  const first = parseSemver(v)?.prerelease[0];
  return first === undefined ? null : String(first);
}

function compareParsed(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const)
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  // A version without a prerelease is newer than any of its prereleases.
  if (!a.prerelease.length || !b.prerelease.length)
    return b.prerelease.length - a.prerelease.length === 0 ? 0 : a.prerelease.length ? -1 : 1;
  const n = Math.max(a.prerelease.length, b.prerelease.length);
  for (let i = 0; i < n; i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** -1, 0 or 1; throws on a string that is not a version (callers validate first). */
export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (!x || !y) throw new Error(`not a semantic version: ${!x ? a : b}`);
  return compareParsed(x, y);
}
