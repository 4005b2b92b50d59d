import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../../src/main/engine';
import { runCliCaptured } from '../../src/main/cli/captured-run';

/**
 * A CLI engine in a temporary folder. Commands that start an inference host of their own (analyze speech, autoedit,
 * generate) keep its settings in the config folder named by REELSMITH_CONFIG_DIR, so it points into the sandbox
 * until `close`.
 */
export interface CliSandbox {
  root: string;
  engine: Engine;
  cli(...argv: string[]): ReturnType<typeof runCliCaptured>;
  close(): Promise<void>;
}

export async function openCliSandbox(prefix: string): Promise<CliSandbox> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `reelsmith-${prefix}-`));
  const configBefore = process.env.REELSMITH_CONFIG_DIR;
  process.env.REELSMITH_CONFIG_DIR = path.join(root, 'config');
  const engine = createEngine({ shell: 'cli', configDir: path.join(root, 'config'), projectsDir: root });
  return {
    root,
    engine,
    cli: (...argv) => runCliCaptured(engine, root, argv),
    close: async () => {
      if (configBefore === undefined) delete process.env.REELSMITH_CONFIG_DIR;
      else process.env.REELSMITH_CONFIG_DIR = configBefore;
      await engine.dispose();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
