import { z } from 'zod';

/** The web shell's upload endpoint: one file per POST, the name in a header, answered with an upload id. */
const UPLOAD_PATH = '/media/upload';
const FILE_NAME_HEADER = 'X-Reelsmith-File-Name';

const UploadAnswerSchema = z.union([
  z.object({ uploadId: z.string().min(1) }),
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
]);

export type UploadAnswer = { ok: true; uploadId: string } | { ok: false; message: string };

/**
 * Sends one file with XMLHttpRequest rather than fetch, because only XMLHttpRequest reports upload progress. The
 * access token travels in the page's same-origin cookie.
 */
export function sendUpload(file: Blob, name: string, onSent: (bytes: number) => void, signal: AbortSignal) {
  return new Promise<string>((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException('The upload was stopped.', 'AbortError'));
      return;
    }
    const request = new XMLHttpRequest();
    const abort = () => request.abort();
    signal.addEventListener('abort', abort, { once: true });
    const settle = () => signal.removeEventListener('abort', abort);
    request.open('POST', UPLOAD_PATH);
    request.setRequestHeader(FILE_NAME_HEADER, encodeURIComponent(name));
    request.upload.onprogress = (event) => onSent(event.loaded);
    request.onload = () => {
      settle();
      const answer = readUploadAnswer(request.status, request.responseText);
      if (answer.ok) resolve(answer.uploadId);
      else reject(new Error(answer.message));
    };
    request.onerror = () => {
      settle();
      reject(new Error('The upload failed: the connection to Reelsmith was lost. Try again.'));
    };
    request.onabort = () => {
      settle();
      reject(new DOMException('The upload was stopped.', 'AbortError'));
    };
    request.send(file);
  });
}

/** What the server's answer means, in the user's words even when the body is not the JSON it should be. */
export function readUploadAnswer(status: number, body: string): UploadAnswer {
  const parsed = UploadAnswerSchema.safeParse(parseJson(body));
  if (parsed.success && 'uploadId' in parsed.data && status >= 200 && status < 300) {
    return { ok: true, uploadId: parsed.data.uploadId };
  }
  if (parsed.success && 'error' in parsed.data) return { ok: false, message: parsed.data.error.message };
  if (status === 413) return { ok: false, message: 'The file is larger than Reelsmith accepts in an upload.' };
  if (status === 401 || status === 403) {
    return { ok: false, message: 'The web shell refused the upload: reload the page from the address it printed.' };
  }
  return { ok: false, message: `The upload failed (HTTP ${status}). Try again.` };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
