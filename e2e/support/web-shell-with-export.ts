/**
 * Test-only launcher: the web shell over a real engine, with a long export already running, because the renderer
 * cannot start path-taking exports (only local callers may). Run with `node --import tsx`; it prints
 *   Reelsmith web shell: <url>
 *   EXPORT_OUTPUT <path>   (where the long export writes; nothing may be left there once it is cancelled)
 *   FAILED_JOB <id>        (with --failed: an export that failed in ffmpeg, so its command line and stderr show)
 * REELSMITH_CONFIG_DIR and REELSMITH_PROJECTS_DIR (from makeSandbox) say where the engine keeps its files; the clips and
 * outputs go next to them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine, type Engine } from '../../src/main/engine';
import { startWebShell } from '../../src/main/web/server';
import { REPO } from './web-shell';

const { values } = parseArgs({
  options: {
    failed: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '60' },
    preset: { type: 'string', default: 'h264-4k' },
  },
});

async function ok(engine: Engine, method: string, params: unknown): Promise<unknown> {
  const result = await engine.call(method, params, { caller: 'local' });
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function makeClip(file: string, seconds: number): void {
  // Small and fast to make (ultrafast, 1280x720); slow to encode again as 4K H.264 on a couple of cores.
  execFileSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '30', '-pix_fmt', 'yuv420p',
    file,
  ]);
}

async function main(): Promise<void> {
  const configDir = process.env.REELSMITH_CONFIG_DIR;
  const projectsDir = process.env.REELSMITH_PROJECTS_DIR;
  if (!configDir || !projectsDir) throw new Error('set REELSMITH_CONFIG_DIR and REELSMITH_PROJECTS_DIR');
  const root = path.dirname(path.resolve(projectsDir));
  const media = path.join(root, 'media');
  const exports = path.join(root, 'exports');
  await fs.mkdir(media, { recursive: true });
  await fs.mkdir(exports, { recursive: true });

  const engine = createEngine({
    shell: 'web',
    configDir,
    projectsDir,
    onInternalError: (method, error) => console.error(`reelsmith: internal error in ${method}:`, error),
  });
  const shell = await startWebShell({ engine, rendererDir: path.join(REPO, 'out/renderer'), log: (line) => console.error(line) });

  await ok(engine, 'project.create', { path: path.join(projectsDir, 'Export Test'), name: 'Export Test' });

  if (values.failed) {
    // The folder does not exist, so ffmpeg itself fails: the job keeps its command line and stderr.
    const short = path.join(media, 'short.mp4');
    makeClip(short, 1);
    const failing = (await ok(engine, 'export.file', {
      input: short,
      output: path.join(root, 'no-such-folder', 'short.mp4'),
      preset: 'h264-1080p',
    })) as { id: string };
    const settled = await engine.whenJobSettled(failing.id);
    process.stdout.write(`FAILED_JOB ${settled.id} ${settled.state}\n`);
  }

  const source = path.join(media, 'long-source.mp4');
  makeClip(source, Number(values.seconds));
  const extension = values.preset.startsWith('h264') ? '.mp4' : '.mov';
  const output = path.join(exports, `long-export${extension}`);
  await ok(engine, 'export.file', { input: source, output, preset: values.preset });

  process.stdout.write(`Reelsmith web shell: ${shell.url}\n`);
  process.stdout.write(`EXPORT_OUTPUT ${output}\n`);

  const stop = async () => {
    await engine.dispose().catch(() => undefined);
    await shell.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`web-shell-with-export: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
