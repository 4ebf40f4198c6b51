// `npm run web`: builds the renderer and serves it with the host services
// from the web host, for a browser at http://127.0.0.1:5199/.
// Extra arguments go to the web host (--port, --data-dir).
import { spawnSync, spawn } from 'node:child_process';

const args = process.argv.slice(2);
if (!args.includes('--no-build')) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const child = spawn(
  'npx',
  ['tsx', 'electron/webhost/main.ts', ...args.filter((a) => a !== '--no-build')],
  {
    stdio: 'inherit',
  },
);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
