import type { Engine } from '../engine';
import { runCli } from './run-cli';

/** A CLI run with its output kept, as tests read it: the exit code and everything written to stdout and stderr. */
export async function runCliCaptured(engine: Engine, cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, engine, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd });
  return { code, stdout, stderr };
}
