import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createEngine } from '../engine';
import { startWebShell } from './server';

/** `npm run web [-- --port N] [--token T]`: the whole app in a browser, for headless workstations and e2e tests. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run web -- [--port N] [--token T]\n\n' +
        'Serves Reelsmith on http://127.0.0.1 (a free port unless --port is given) and prints the address to open.\n' +
        'The address carries an access token made for this run (or --token / REELSMITH_WEB_TOKEN).\n',
    );
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
  const token = values.token ?? process.env.REELSMITH_WEB_TOKEN;
  if (token !== undefined && !/^[\w-]{16,128}$/.test(token)) {
    throw new Error('--token must be 16-128 letters, digits, "-" or "_"');
  }

  const engine = createEngine({
    shell: 'web',
    onInternalError: (method, error) => console.error(`reelsmith: internal error in ${method}:`, error),
  });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const shell = await startWebShell({
    engine,
    rendererDir: path.resolve(here, '../renderer'),
    port,
    ...(token === undefined ? {} : { token }),
    log: (line) => console.error(line),
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`reelsmith: ${signal}, saving and stopping`);
    await engine.dispose().catch((error: unknown) => console.error(`reelsmith: ${String(error)}`));
    await shell.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // Printed only once the handlers are in place: whoever reads the address may stop us at once, and a signal that
  // arrived before them would kill the process without saving.
  process.stdout.write(`Reelsmith web shell: ${shell.url}\n`);
}

main().catch((error: unknown) => {
  console.error(`reelsmith web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
