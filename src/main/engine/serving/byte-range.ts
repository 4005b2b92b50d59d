/**
 * The answer to an HTTP Range header for a file of `size` bytes, so `<video>` can seek. Both media servers (the
 * Electron protocol handler and the web shell) use this one reading of RFC 9110 §14.
 */
export type RangeAnswer =
  | { status: 200 }
  | { status: 206; start: number; end: number }
  | { status: 416 };

export function answerRange(header: string | null | undefined, size: number): RangeAnswer {
  if (!header) return { status: 200 };
  const match = /^bytes=(.+)$/i.exec(header.trim());
  // Another unit, or a malformed header, is ignored: the whole file is a correct answer.
  if (!match) return { status: 200 };
  const specs = match[1]!.split(',').map((s) => s.trim());
  // Several ranges would need multipart/byteranges; players ask for one, and ignoring Range is allowed.
  if (specs.length !== 1) return { status: 200 };
  const spec = /^(\d*)-(\d*)$/.exec(specs[0]!);
  if (!spec || (spec[1] === '' && spec[2] === '')) return { status: 200 };
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) return { status: 416 };
    return { status: 206, start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
  if (spec[2] !== '' && Number(spec[2]) < start) return { status: 200 };
  if (start >= size) return { status: 416 };
  return { status: 206, start, end };
}

/** Headers for an answer; `Accept-Ranges` always, so players know they may seek. */
export function rangeHeaders(answer: RangeAnswer, size: number, contentType: string): Record<string, string> {
  const common = { 'Accept-Ranges': 'bytes', 'Content-Type': contentType };
  switch (answer.status) {
    case 200:
      return { ...common, 'Content-Length': String(size) };
    case 206:
      return {
        ...common,
        'Content-Length': String(answer.end - answer.start + 1),
        'Content-Range': `bytes ${answer.start}-${answer.end}/${size}`,
      };
    case 416:
      return { ...common, 'Content-Range': `bytes */${size}` };
  }
}
