import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export type ToolName = 'ffmpeg' | 'ffprobe';
export type ToolSource = 'env' | 'bundled' | 'path';

export interface LocatedTool {
  name: ToolName;
  path: string;
  source: ToolSource;
}

export interface LocateOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Where the bundled npm packages say their binaries are; undefined when the package is absent. */
  bundled?: Partial<Record<ToolName, string | undefined>>;
  exists?: (file: string) => boolean;
}

const ENV_VARIABLES: Record<ToolName, string> = { ffmpeg: 'REELSMITH_FFMPEG', ffprobe: 'REELSMITH_FFPROBE' };

export class ToolNotFoundError extends Error {
  constructor(readonly tool: ToolName) {
    super(
      `${tool} was not found. Install ffmpeg (it provides ${tool}) or set ${ENV_VARIABLES[tool]} to the path of the ${tool} program.`,
    );
  }
}

/**
 * Finds ffmpeg or ffprobe: the override variable first, then the binary bundled through npm (ffmpeg-static,
 * @ffprobe-installer/ffprobe) when it is really on disk, then PATH.
 */
export function locateTool(name: ToolName, options: LocateOptions = {}): LocatedTool {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const exists = options.exists ?? isExecutableFile;
  const override = env[ENV_VARIABLES[name]];
  if (override) {
    if (!exists(override)) {
      throw new Error(`${ENV_VARIABLES[name]} is set to ${override}, but there is no program there.`);
    }
    return { name, path: override, source: 'env' };
  }
  const bundled = unpacked(options.bundled ? options.bundled[name] : bundledPath(name));
  if (bundled && exists(bundled)) return { name, path: bundled, source: 'bundled' };
  const found = searchPath(name, env, platform, exists);
  if (found) return { name, path: found, source: 'path' };
  throw new ToolNotFoundError(name);
}

export function searchPath(
  name: string,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  exists: (file: string) => boolean,
): string | null {
  const delimiter = platform === 'win32' ? ';' : ':';
  const pathValue = env.PATH ?? env.Path ?? '';
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of pathValue.split(delimiter).filter(Boolean)) {
    for (const ext of extensions) {
      const candidate = join(dir, name + ext.toLowerCase());
      if (exists(candidate)) return candidate;
    }
  }
  return null;
}

/** Inside a packaged Electron app, binaries live in app.asar.unpacked, not in the archive. */
function unpacked(file: string | undefined): string | undefined {
  return file?.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function bundledPath(name: ToolName): string | undefined {
  const require = createRequire(import.meta.url);
  try {
    if (name === 'ffmpeg') return (require('ffmpeg-static') as string | null) ?? undefined;
    return (require('@ffprobe-installer/ffprobe') as { path: string }).path;
  } catch {
    return undefined;
  }
}

function isExecutableFile(file: string): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
