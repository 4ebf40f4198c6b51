// `npm run web`: runs the host services in plain Node and serves the built
// renderer at http://127.0.0.1:<port>/. Prints the address with the launch
// token; tests read the READY line.
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createHost } from '../services/host/create-host';
import { startWebHost } from './web-host';
import { loadOrCreateKeyFile } from '../services/store/key-file';
import { createFileLogger, errorFields } from '../services/logs/logger';

/** The project folder: the nearest parent with package.json (from source or from out/main). */
function projectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
const root = projectRoot(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.RONGMEI_WEB_PORT ?? '5199' },
    'data-dir': {
      type: 'string',
      default: process.env.RONGMEI_DATA_DIR ?? path.join(root, '.data', 'web'),
    },
    'renderer-dir': { type: 'string', default: path.join(root, 'out', 'renderer') },
    token: { type: 'string' },
  },
});

const rendererDir = path.resolve(values['renderer-dir']);
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
  console.error(
    `The renderer is not built (${rendererDir}). Run \`npm run build\` first, or use \`npm run web\`.`,
  );
  process.exit(2);
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
};
const dataDir = path.resolve(values['data-dir']);
// Development only: the web host keeps its database key in an owner-only file beside the data.
// The desktop app keeps its key with the operating system (see electron/main/database-key.ts).
const databaseKey = loadOrCreateKeyFile(path.join(dataDir, 'rongmei-dev.key'));
// The same log as the desktop app (JSON lines, rotated, ids and codes only), beside the data.
const logger = createFileLogger({
  dir: path.join(dataDir, 'logs'),
  maxBytes: 2 * 1024 * 1024,
  files: 5,
});
logger.info('webhost.started', { version: pkg.version, node: process.versions.node });
const host = createHost({
  dataDir,
  host: 'web',
  version: pkg.version,
  databaseKey,
  logger,
  logFiles: () => logger.file.existing(),
  log: (m, err) => {
    logger.warn('host.warning', { message: m, ...errorFields(err) });
    console.error(`[rongmei] ${m}`, err ?? '');
  },
});
const web = await startWebHost({
  host,
  rendererDir,
  port: Number(values.port),
  token: values.token,
  log: (m) => console.error(m),
});

console.log(`Rongmei web host: ${web.url}#token=${web.token}`);
console.log(`Data: ${host.databaseFile}`);
console.log(
  `RONGMEI_WEBHOST_READY ${JSON.stringify({ url: web.url, token: web.token, pid: process.pid })}`,
);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await web.close();
  host.close();
  logger.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
