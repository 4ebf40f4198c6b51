// Child process for the encryption crash test: opens a plaintext database
// with a key and SIGKILLs itself at the named step of the conversion.
import { openDatabase } from '../../../electron/services/store/database';

const [file, keyHex, step] = process.argv.slice(2) as [string, string, string];
openDatabase(file, {
  key: Buffer.from(keyHex, 'hex'),
  crashAt: (s) => {
    if (s === step) process.kill(process.pid, 'SIGKILL');
  },
});
process.exit(0);
