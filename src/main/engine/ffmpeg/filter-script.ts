import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Graphs longer than this go to a file: command lines have length limits (about 32 K characters on Windows). */
export const INLINE_FILTER_LIMIT = 4000;

/**
 * ffmpeg 7 reads an option's value from a file with `-/option file`; older versions only know
 * `-filter_complex_script`, which ffmpeg 7.1 deprecated.
 */
export function filterScriptOption(ffmpegVersion: string | null): '-/filter_complex' | '-filter_complex_script' {
  const major = Number(/^n?(\d+)\./.exec(ffmpegVersion ?? '')?.[1]);
  return Number.isFinite(major) && major >= 7 ? '-/filter_complex' : '-filter_complex_script';
}

export interface FilterArgs {
  args: string[];
  /** Removes the script file, if one was written. */
  dispose(): Promise<void>;
}

/** The arguments that pass `graph` to ffmpeg: inline when short, through a temporary script file when long. */
export async function filterComplexArgs(graph: string, ffmpegVersion: string | null): Promise<FilterArgs> {
  if (graph.length <= INLINE_FILTER_LIMIT) return { args: ['-filter_complex', graph], dispose: async () => undefined };
  const file = path.join(os.tmpdir(), `reelsmith-graph-${process.pid}-${randomBytes(6).toString('hex')}.txt`);
  await fs.writeFile(file, graph, 'utf8');
  return { args: [filterScriptOption(ffmpegVersion), file], dispose: () => fs.rm(file, { force: true }) };
}
