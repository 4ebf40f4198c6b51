// A newsroom server for browser tests, as a child process: fresh SQLite in
// `argv[2]`, fast password hashing, and the test newsroom of
// tests/support/newsroom.ts. Publishing settings (WECHAT_*, APP_WEBHOOK_*, PUBLISH_*)
// come from this process's environment, so a test can point the publishers
// at a local mock. Prints RONGMEI_SERVER_READY {url, password, people} when
// it listens.
import { startServer } from '../../server/app';
import { ENV, loadConfig } from '../../server/config';
import { NEWSROOM_PASSWORD, seedTestNewsroom, TEST_SCRYPT_N } from './newsroom';

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: newsroom-server-process <data-dir>');
  const publishing = Object.fromEntries(
    Object.values(ENV)
      .filter((name) => /^(WECHAT_|APP_WEBHOOK_|PUBLISH_)/.test(name))
      .flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  const config = loadConfig({
    ...publishing,
    RONGMEI_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    SCRYPT_N: String(TEST_SCRYPT_N),
    LOG_LEVEL: process.env.RONGMEI_TEST_SERVER_LOG ?? 'warn',
  });
  const server = await startServer(config, {
    logger: { level: process.env.RONGMEI_TEST_SERVER_LOG ?? 'warn' },
  });
  const { people } = await seedTestNewsroom(server.store.db);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(
    `RONGMEI_SERVER_READY ${JSON.stringify({
      url: server.url,
      password: NEWSROOM_PASSWORD,
      people: Object.fromEntries(Object.entries(people).map(([k, p]) => [k, p.login])),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
