/**
 * `postshow serve`: the workspace in the browser (cli/serve/workspaceServer.ts). Loopback by default; another
 * address only with `--token`, since anyone who reaches the port could otherwise edit and approve clips.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command, type Option } from 'commander';
import { createJsonLogger } from '../../shared/adapters/local/jsonLogger.js';
import { readEnvSettings } from '../../shared/core/settings/envSettings.js';
import { createWorkspaceServer, isLoopbackHost } from '../serve/workspaceServer.js';

interface ServeFlags {
  out: string;
  port: number;
  host: string;
  token?: string;
}

/** Shortest token accepted: a guessable one on a network port is no protection. */
const MIN_TOKEN_LENGTH = 16;

const port = (value: string): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) throw new InvalidArgumentError('--port must be a whole number from 0 to 65535 (0: any free port)');
  return number;
};

export function registerServeCommand(program: Command, workspace: () => Option): void {
  program
    .command('serve')
    .description('open the workspace in a browser: clips to search, play, fix and approve; shows with their review and plan; topic suggestions')
    .addOption(workspace())
    .option('--port <n>', 'port to listen on (0: any free port)', port, 8080)
    .option('--host <address>', 'address to listen on; anything but loopback needs --token', '127.0.0.1')
    .option('--token <secret>', `access token (at least ${MIN_TOKEN_LENGTH} characters) every API request must carry; also read from POSTSHOW_SERVE_TOKEN`)
    .action(async (flags: ServeFlags) => {
      const token = flags.token ?? process.env.POSTSHOW_SERVE_TOKEN;
      if (!isLoopbackHost(flags.host) && token === undefined) {
        throw new InvalidArgumentError(`--host ${flags.host} would let anyone on the network edit and approve clips: add --token <secret> (or listen on 127.0.0.1)`);
      }
      if (token !== undefined && token.length < MIN_TOKEN_LENGTH) throw new InvalidArgumentError(`--token must be at least ${MIN_TOKEN_LENGTH} characters`);
      const root = path.resolve(flags.out);
      mkdirSync(root, { recursive: true });
      const { POSTSHOW_LOG_LEVEL: logLevel } = readEnvSettings(process.env, ['POSTSHOW_LOG_LEVEL']);
      const logger = createJsonLogger(createWriteStream(path.join(root, 'postshow.log'), { flags: 'a' }), logLevel);
      const shutdown = new AbortController();
      const { app, queue } = await createWorkspaceServer({ workspace: root, logger, signal: shutdown.signal, ...(token !== undefined ? { token } : {}) });
      await app.listen({ port: flags.port, host: flags.host });
      const address = app.server.address();
      const boundPort = typeof address === 'object' && address ? address.port : flags.port;
      const shownHost = flags.host.includes(':') ? `[${flags.host}]` : flags.host;
      process.stdout.write(`postshow workspace for ${root}\n  http://${shownHost}:${boundPort}/\n${token !== undefined ? '  sign in with the token given to --token\n' : ''}  Ctrl-C to stop\n`);
      const stop = async (): Promise<void> => {
        // A render in progress is stopped and recorded as failed, so its clip page says so instead of "rendering" forever.
        shutdown.abort(new Error('postshow serve stopped'));
        await app.close();
        await queue.idle();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });
}
