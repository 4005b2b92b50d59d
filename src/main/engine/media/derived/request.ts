import type { MediaInfo } from '../../../../shared/media';

/** What every maker of a derived file is given. */
export interface DerivedFileRequest {
  /** Path of the ffmpeg program. */
  ffmpeg: string;
  input: string;
  media: MediaInfo;
  /** Written exactly here (the caller passes a temporary path and moves it into place on success). */
  output: string;
  signal?: AbortSignal;
  /** 0..1 as the work goes on. */
  onProgress?: (fraction: number) => void;
}

/** A derived file cannot be made from this media, for a reason ffmpeg did not report as a failure. */
export class DerivedMediaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerivedMediaError';
  }
}
