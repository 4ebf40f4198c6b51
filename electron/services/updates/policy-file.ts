// Where IT puts the machine-wide policy file, and reading it. Only an
// administrator can write these folders, so a person cannot lift a policy
// that IT set; the environment override is for tests and development builds.
import fs from 'node:fs';
import path from 'node:path';
import {
  resolvePolicy,
  type EffectiveUpdatePolicy,
  type PolicyDefaults,
} from '@shared/updates/policy';

export const POLICY_ENV = 'RONGMEI_POLICY_FILE';
/** A policy file larger than this is not a policy file. */
const MAX_POLICY_BYTES = 64 * 1024;

export function machinePolicyPath(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(
        env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData',
        'Rongmei',
        'policy.json',
      );
    case 'darwin':
      return '/Library/Application Support/Rongmei/policy.json';
    default:
      return '/etc/rongmei/policy.json';
  }
}

export interface LoadPolicyOptions {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Honour RONGMEI_POLICY_FILE (tests, development builds; never a packaged app). */
  allowEnvOverride: boolean;
  defaults: PolicyDefaults;
}

export function loadUpdatePolicy(opts: LoadPolicyOptions): EffectiveUpdatePolicy {
  const override = opts.allowEnvOverride ? opts.env[POLICY_ENV] : undefined;
  const file = override || machinePolicyPath(opts.platform, opts.env);
  // Something is there but it cannot be a policy: the same safe choice as a malformed file.
  const refuse = (problem: string) => ({ ...resolvePolicy('', file, opts.defaults), problem });
  let text: string | null;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return refuse('the policy path is not a file');
    if (st.size > MAX_POLICY_BYTES)
      return refuse(`the policy file is larger than ${MAX_POLICY_BYTES} bytes`);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      return refuse(`cannot read the policy file (${code ?? 'error'})`);
    text = null;
  }
  return resolvePolicy(text, file, opts.defaults);
}
