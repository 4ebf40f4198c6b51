// First-run command: makes an administrator account so the rest of the
// newsroom can be set up through the admin API.
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { LoginNameSchema } from '@shared/domain/newsroom';
import { PasswordSchema } from '@shared/sync/auth';
import type { ServerConfig } from '../config';
import { openStore } from '../db/database';
import { createUser } from '../accounts/accounts';

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    // Piped: the first line of standard input.
    const rl = readline.createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  let muted = false;
  const out = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output: out, terminal: true });
  const answer = await new Promise<string>((resolve) => {
    rl.question(prompt, resolve);
    muted = true;
  });
  rl.close();
  process.stdout.write('\n');
  return answer;
}

export async function createAdminCommand(
  config: ServerConfig,
  flags: ReadonlyMap<string, string>,
): Promise<number> {
  const login = LoginNameSchema.safeParse(flags.get('--login') ?? 'admin');
  if (!login.success) {
    console.error('--login: letters, digits and . _ @ -, 2–64 long');
    return 2;
  }
  const displayName = flags.get('--name') ?? '系统管理员';
  let password = process.env.RONGMEI_ADMIN_PASSWORD ?? '';
  if (!password) {
    password = await readPassword(`Password for ${login.data} (10+ characters): `);
    if (process.stdin.isTTY && (await readPassword('Again: ')) !== password) {
      console.error('The passwords differ.');
      return 2;
    }
  }
  if (!PasswordSchema.safeParse(password).success) {
    console.error('The password must be 10 to 256 characters long.');
    return 2;
  }
  const store = await openStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    databaseSchema: config.databaseSchema,
  });
  try {
    const person = await createUser(
      store.db,
      { login: login.data, displayName, role: 'admin', password },
      config.passwordCost,
    );
    console.log(JSON.stringify({ created: person, database: store.where }));
    return 0;
  } catch (err) {
    console.error(`Could not create the administrator: ${(err as Error).message}`);
    return 1;
  } finally {
    await store.close();
  }
}
