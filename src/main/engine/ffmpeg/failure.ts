/**
 * Turns the end of ffmpeg's stderr into one sentence a user can act on. The raw tail and the command line travel
 * alongside for the "details" disclosure.
 */
export function describeFfmpegFailure(stderrTail: string, exitCode: number | null): string {
  const lines = stderrTail.split('\n').map((l) => l.trim()).filter(Boolean);
  const find = (pattern: RegExp) => lines.find((l) => pattern.test(l));

  const noSpace = find(/No space left on device/i);
  if (noSpace) return 'The disk is full. Free some space, or export to another drive, and try again.';

  const denied = find(/Permission denied/i);
  if (denied) return `Permission denied: ${subject(denied)}. Choose a place you can write to, or check the file's permissions.`;

  const missing = find(/No such file or directory/i);
  if (missing) return `A file does not exist: ${subject(missing)}. It may have been moved, renamed or deleted.`;

  const encoder = find(/Unknown encoder|Encoder not found|encoder .* not found/i);
  if (encoder) {
    const name = /['‘"]([^'’"]+)['’"]/.exec(encoder)?.[1];
    return `This ffmpeg has no ${name ? `“${name}” ` : ''}encoder. Choose another preset or install a fuller ffmpeg build.`;
  }

  const container = find(/codec not currently supported in container|Could not find tag for codec/i);
  if (container) return 'The output file type cannot hold this kind of video or audio; choose another format.';

  const initFailed = find(/Error (?:while opening|initializing) (?:output stream|encoder)|Could not open encoder|OpenEncodeSessionEx failed|Cannot load/i);
  if (initFailed) return `The encoder could not start (${initFailed}).`;

  // Filters report the errors of the frames they were given in the same words as a damaged file ("Invalid data found
  // when processing input"), but there the files were read: the fault lies in the processing, not the media.
  const filtering = find(/Error while filtering|Failed to inject frame into filter network|Error reinitializing filters/i);
  if (filtering) return `ffmpeg failed while filtering the video or sound (${filtering}).`;

  const invalid = find(/Invalid data found when processing input|moov atom not found|could not find codec parameters|Invalid NAL unit|EBML header parsing failed|End of file/i);
  if (invalid) return 'The file is damaged or is not a media file ffmpeg can read.';

  const lastError = [...lines].reverse().find((l) => /error|invalid|failed|unable|cannot/i.test(l)) ?? lines.at(-1);
  const code = exitCode === null ? 'was stopped' : `exited with code ${exitCode}`;
  return lastError ? `ffmpeg ${code}: ${lastError}` : `ffmpeg ${code} without saying why.`;
}

/** The path or name an error line is about: ffmpeg writes `<subject>: <reason>`. */
function subject(line: string): string {
  const match = /^(?:\[[^\]]+\]\s*)?(.+?): (?:No such file|Permission denied|No space)/i.exec(line);
  return match?.[1] ?? line;
}

/** A command line a person can paste into a shell, for the details view. Never executed. */
export function formatCommandLine(program: string, args: readonly string[]): string {
  return [program, ...args].map(quoteForDisplay).join(' ');
}

function quoteForDisplay(arg: string): string {
  if (arg === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
