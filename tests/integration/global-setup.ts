// Integration tests run the built web host, as `npm run web` does: build it once.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
}
