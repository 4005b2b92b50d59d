import { describe, expect, it } from 'vitest';
import { readUploadAnswer } from './upload-request';

describe('readUploadAnswer', () => {
  it('takes the upload id from a successful answer', () => {
    expect(readUploadAnswer(200, '{"uploadId":"up_1"}')).toEqual({ ok: true, uploadId: 'up_1' });
  });

  it('passes on the server’s own words for a refusal', () => {
    expect(readUploadAnswer(415, '{"error":{"code":"UNSUPPORTED","message":"Not a media file."}}')).toEqual({
      ok: false,
      message: 'Not a media file.',
    });
  });

  it('explains a refusal without a readable body', () => {
    expect(readUploadAnswer(413, 'Payload Too Large')).toEqual({
      ok: false,
      message: 'The file is larger than Reelsmith accepts in an upload.',
    });
    expect(readUploadAnswer(401, '')).toMatchObject({ ok: false, message: expect.stringContaining('reload') });
    expect(readUploadAnswer(502, '<html>')).toEqual({ ok: false, message: 'The upload failed (HTTP 502). Try again.' });
  });

  it('does not trust an upload id on an error status', () => {
    expect(readUploadAnswer(500, '{"uploadId":"up_1"}').ok).toBe(false);
  });
});
