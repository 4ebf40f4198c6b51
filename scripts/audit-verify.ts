// Verifies an audit log exported as NDJSON (one entry per line):
//   npx tsx scripts/audit-verify.ts audit.ndjson [--head <sha256>] [--lang en|zh-CN]
// Exit code 0: the chain is intact; 1: it is broken (the first broken entry
// is named); 2: the file could not be read or the arguments are wrong.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseNdjson, verifyChain } from '../shared/audit/index';

export interface VerifyRun {
  exitCode: 0 | 1 | 2;
  output: string;
}

const USAGE = 'usage: audit-verify <file.ndjson | -> [--head <sha256>] [--lang en|zh-CN]';

export function verifyAuditText(
  text: string,
  options: { head?: string; lang?: 'en' | 'zh-CN' } = {},
): VerifyRun {
  const lang = options.lang ?? 'zh-CN';
  const { values, errors } = parseNdjson(text);
  if (errors.length > 0) {
    const e = errors[0]!;
    const msg =
      lang === 'en'
        ? `line ${e.line} is not JSON: ${e.message}`
        : `第${e.line}行不是有效的JSON：${e.message}`;
    return { exitCode: 1, output: msg };
  }
  const result = verifyChain(values, options.head ? { expectedHead: options.head } : {});
  if (result.ok) {
    const msg =
      lang === 'en'
        ? `OK: ${result.count} entries, chain intact, head ${result.head}`
        : `通过：共${result.count}条记录，日志链完整，末尾哈希 ${result.head}`;
    return { exitCode: 0, output: msg };
  }
  const where = lang === 'en' ? `line ${result.index + 1}` : `第${result.index + 1}行`;
  return {
    exitCode: 1,
    output: `${lang === 'en' ? 'BROKEN' : '未通过'}（${where}）：${result.message[lang]}`,
  };
}

export function main(argv: readonly string[], read: (path: string) => string): VerifyRun {
  let file: string | undefined;
  let head: string | undefined;
  let lang: 'en' | 'zh-CN' | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--head') head = argv[++i];
    else if (a === '--lang') {
      const l = argv[++i];
      if (l !== 'en' && l !== 'zh-CN') return { exitCode: 2, output: USAGE };
      lang = l;
    } else if (!file) file = a;
    else return { exitCode: 2, output: USAGE };
  }
  if (!file || (head !== undefined && !/^[0-9a-f]{64}$/.test(head)))
    return { exitCode: 2, output: USAGE };
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    return { exitCode: 2, output: `${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  return verifyAuditText(text, { ...(head ? { head } : {}), ...(lang ? { lang } : {}) });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const run = main(process.argv.slice(2), (p) => fs.readFileSync(p === '-' ? 0 : p, 'utf8'));
  (run.exitCode === 0 ? console.log : console.error)(run.output);
  process.exitCode = run.exitCode;
}
