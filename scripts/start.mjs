// `npm start`: builds and runs the desktop app. Where the Electron binary
// could not be installed (e.g. a machine with only the npm registry), says
// so and points at `npm run web`, which runs the same app in a browser.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = '';
}
if (!electronPath || !fs.existsSync(electronPath)) {
  console.error(
    [
      'The Electron binary is not installed on this machine (it was skipped or could not be downloaded).',
      'Install it with internet access:   npx electron@$(node -p "require(\'electron/package.json\').version") --version',
      '  or reinstall:                    rm -rf node_modules/electron && npm install',
      'Or run the same app in a browser:  npm run web',
    ].join('\n'),
  );
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn('npx', ['electron-vite', 'preview', '--skipBuild'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
