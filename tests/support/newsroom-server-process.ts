// A newsroom server for browser tests, as a child process: fresh SQLite in
// `argv[2]`, fast password hashing, and a small newsroom — 时政部 with a
// reporter and its desk head, 微信编辑部 and 客户端编辑部 with a channel editor
// (and the same desk head), and the editor-in-chief. Publishing settings (WECHAT_*, APP_WEBHOOK_*, PUBLISH_*)
// come from this process's environment, so a test can point the publishers
// at a local mock. Prints RONGMEI_SERVER_READY {url, password, people} when
// it listens.
import { startServer } from '../../server/app';
import { ENV, loadConfig } from '../../server/config';
import { createDesk, createUser } from '../../server/accounts/accounts';

export const TEST_PASSWORD = 'desk-password-2026';
const SCRYPT_N = 1024;

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
    SCRYPT_N: String(SCRYPT_N),
    LOG_LEVEL: process.env.RONGMEI_TEST_SERVER_LOG ?? 'warn',
  });
  const server = await startServer(config, {
    logger: { level: process.env.RONGMEI_TEST_SERVER_LOG ?? 'warn' },
  });
  const db = server.store.db;
  const cost = { N: SCRYPT_N, r: 8, p: 1 };
  const politics = await createDesk(db, { code: 'politics', name: '时政部', kind: 'topic' });
  const wechat = await createDesk(db, { code: 'wechat', name: '微信编辑部', kind: 'channel' });
  const app = await createDesk(db, { code: 'app', name: '客户端编辑部', kind: 'channel' });
  const people = {
    reporter: await createUser(
      db,
      {
        login: 'wang.li',
        displayName: '王立',
        role: 'reporter',
        password: TEST_PASSWORD,
        deskIds: [politics.id],
      },
      cost,
    ),
    deskHead: await createUser(
      db,
      {
        login: 'chen.hua',
        displayName: '陈华',
        role: 'desk_head',
        password: TEST_PASSWORD,
        deskIds: [politics.id, wechat.id, app.id],
      },
      cost,
    ),
    wechatEditor: await createUser(
      db,
      {
        login: 'zhao.min',
        displayName: '赵敏',
        role: 'channel_editor',
        password: TEST_PASSWORD,
        deskIds: [wechat.id, app.id],
      },
      cost,
    ),
    chief: await createUser(
      db,
      {
        login: 'liu.zong',
        displayName: '刘总',
        role: 'editor_in_chief',
        password: TEST_PASSWORD,
        deskIds: [],
      },
      cost,
    ),
  };
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(
    `RONGMEI_SERVER_READY ${JSON.stringify({
      url: server.url,
      password: TEST_PASSWORD,
      people: Object.fromEntries(Object.entries(people).map(([k, p]) => [k, p.login])),
    })}\n`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
