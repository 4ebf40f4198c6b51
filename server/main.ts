// `npm run server [-- command] [--flags]`: starts the newsroom server
// (default), creates the first administrator, or brings the schema up to date.
//   npm run server
//   npm run server -- --port 8787 --host 0.0.0.0 --data-dir /srv/rongmei
//   npm run server -- create-admin --login admin --name 系统管理员
//   npm run server -- migrate
//   npm run server -- release --dir release/1.4.2 --channel latest --staging 20
//   npm run server -- rollout --channel latest --staging 100
//   npm run server -- releases
import { loadConfig, parseArgs } from './config';
import { startServer } from './app';
import { createAdminCommand } from './cli/create-admin';
import { releaseCommand } from './cli/release';
import { openStore } from './db/database';

const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<number> {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const config = loadConfig(process.env, flags);
  const command = positional[0] ?? 'serve';
  switch (command) {
    case 'serve': {
      const server = await startServer(config);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        server.app.log.info({ signal }, 'shutting down: flushing documents');
        const hard = setTimeout(() => {
          server.app.log.error('shutdown took too long; exiting');
          process.exit(1);
        }, SHUTDOWN_DEADLINE_MS);
        hard.unref();
        server.close().then(
          () => process.exit(0),
          (err: unknown) => {
            server.app.log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      return new Promise<number>(() => undefined);
    }
    case 'create-admin':
      return createAdminCommand(config, flags);
    case 'migrate': {
      const store = await openStore({
        dataDir: config.dataDir,
        databaseUrl: config.databaseUrl,
        databaseSchema: config.databaseSchema,
      });
      console.log(JSON.stringify({ migrated: store.where }));
      await store.close();
      return 0;
    }
    case 'release':
    case 'rollout':
    case 'releases':
      return releaseCommand(command, config, flags);
    default:
      console.error(
        `unknown command "${command}": use serve, create-admin, migrate, release, rollout or releases`,
      );
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
