import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors';
import type { Engine } from '../engine';
import { COMMANDS, type CliCommand } from './commands';
import { JobFailedError } from './job-progress';
import { UsageError } from './usage-error';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  stderrIsTTY?: boolean;
  interrupted?: AbortSignal;
}

/**
 * Parses argv, runs the command over the engine and writes its output. Returns the exit code: 0 done, 1 the
 * command failed, 2 the command line was wrong. With --json, stdout holds exactly one JSON document.
 */
export async function runCli(argv: readonly string[], engine: Engine, io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const words = argv.filter((a) => !a.startsWith('-'));
  const command = findCommand(words);
  const wantsHelp = argv.includes('--help') || argv.includes('-h') || words[0] === 'help';

  if (wantsHelp || argv.length === 0) {
    io.stdout(command ? commandHelp(command) : generalHelp(words[0] === 'help' ? words.slice(1) : words));
    return command || argv.length === 0 || wantsHelp ? 0 : 2;
  }
  try {
    if (!command) throw new UsageError(unknownCommand(words));
    const parsed = parse(command, argv);
    const output = await command.run({
      engine,
      args: parsed.args,
      options: parsed.options,
      cwd: io.cwd,
      json,
      stderr: io.stderr,
      stderrIsTTY: io.stderrIsTTY ?? false,
      interrupted: io.interrupted ?? new AbortController().signal,
    });
    io.stdout(json ? `${JSON.stringify(output.json, null, 2)}\n` : `${output.text}\n`);
    return output.exitCode ?? 0;
  } catch (error) {
    const usage = error instanceof UsageError;
    const message = oneLine(error instanceof Error ? error.message : String(error));
    io.stderr(`reelsmith: ${message}\n`);
    if (json) {
      const code = error instanceof ApiError ? error.code : usage ? 'USAGE' : error instanceof JobFailedError ? 'JOB_FAILED' : 'ERROR';
      const job = error instanceof JobFailedError ? { job: error.job } : {};
      io.stdout(`${JSON.stringify({ error: { code, message }, ...job })}\n`);
    }
    return usage ? 2 : 1;
  }
}

function findCommand(words: readonly string[]): CliCommand | undefined {
  return COMMANDS.find((c) => c.path.every((p, i) => words[i] === p));
}

function unknownCommand(words: readonly string[]): string {
  const group = COMMANDS.filter((c) => c.path.length > 1 && c.path[0] === words[0]).map((c) => c.path[1]);
  if (group.length > 0) return `reelsmith ${words[0]} needs one of: ${group.join(', ')}. Run reelsmith ${words[0]} --help.`;
  return `unknown command “${words.join(' ')}”. Run reelsmith --help for the list.`;
}

function parse(command: CliCommand, argv: readonly string[]) {
  const options = Object.fromEntries([
    ['json', { type: 'boolean' as const }],
    ...command.options.map((o) => [o.name, { type: o.type, ...(o.name.length === 1 ? { short: o.name } : {}) }] as const),
  ]);
  let parsed;
  const valued = command.options.filter((o) => o.type === 'string').map((o) => o.name);
  try {
    parsed = parseArgs({ args: withNegativeValues(argv, valued), options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]} (see reelsmith ${command.path.join(' ')} --help)`);
  }
  const args = parsed.positionals.slice(command.path.length);
  // A last positional named `paths...` takes one or more values.
  const variadic = command.positionals.at(-1)?.endsWith('...') ?? false;
  const fits = variadic ? args.length >= command.positionals.length : args.length === command.positionals.length;
  if (!fits) {
    throw new UsageError(`usage: ${usageLine(command)}`);
  }
  return { args, options: parsed.values as Record<string, string | boolean | undefined> };
}

/**
 * `--loudness -14` and `--threshold -28dB` as `--loudness=-14` and `--threshold=-28dB`: Node's parser takes a value
 * that starts with a dash for another option, and a negative number is what these options are given most.
 */
export function withNegativeValues(argv: readonly string[], valuedOptions: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    const next = argv[i + 1];
    const name = token.startsWith('--') ? token.slice(2) : null;
    if (name !== null && valuedOptions.includes(name) && next !== undefined && /^-\d+(\.\d+)?(db|%)?$/i.test(next)) {
      out.push(`${token}=${next}`);
      i += 1;
    } else {
      out.push(token);
    }
  }
  return out;
}

function usageLine(command: CliCommand): string {
  const positionals = command.positionals.map((p) => `<${p}>`);
  const options = command.options.map((o) => (o.type === 'string' ? `[${flag(o.name)} ${o.valueName ?? 'VALUE'}]` : `[${flag(o.name)}]`));
  return ['reelsmith', ...command.path, ...positionals, ...options, '[--json]'].join(' ');
}

function flag(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

function commandHelp(command: CliCommand): string {
  const lines = [`Usage: ${usageLine(command)}`, '', command.summary + '.', ''];
  if (command.description) lines.push(command.description, '');
  lines.push('Options:');
  for (const o of command.options) {
    lines.push(`  ${flag(o.name)}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`.padEnd(24) + o.description);
  }
  lines.push('  --json'.padEnd(24) + 'Print one JSON document on stdout (logs go to stderr)');
  lines.push('  -h, --help'.padEnd(24) + 'Show this help');
  return `${lines.join('\n')}\n`;
}

function generalHelp(prefix: readonly string[]): string {
  const shown = COMMANDS.filter((c) => prefix.every((p, i) => c.path[i] === p));
  const list = (shown.length > 0 ? shown : COMMANDS).map((c) => `  ${[...c.path, ...c.positionals.map((p) => `<${p}>`)].join(' ').padEnd(28)}${c.summary}`);
  return [
    'Reelsmith: an offline AI studio for video creators.',
    '',
    'Usage: reelsmith <command> [options]',
    '',
    'Commands:',
    ...list,
    '',
    'Every command takes --json and --help. Errors exit non-zero with one line on stderr.',
    '',
  ].join('\n');
}

function oneLine(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('; ');
}
