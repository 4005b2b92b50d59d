import { createEngine } from '../engine';
import { runCli } from './run-cli';

/** `reelsmith <command>`: the engine behind a command line. */
const engine = createEngine({ shell: 'cli' });
const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());
const code = await runCli(process.argv.slice(2), engine, {
  stderrIsTTY: process.stderr.isTTY === true,
  interrupted: interrupt.signal,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
await engine.dispose();
process.exitCode = code;
