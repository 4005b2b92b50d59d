import type { AudioStreamInfo, MediaInfo } from '../../../../shared/media';
import { toneMapFilters } from '../../ffmpeg/tone-map';
import { fitWithin } from './display-size';

/** Enough to edit by, light enough to scrub smoothly. */
export const PROXY_LONG_SIDE = 1280;
/** A keyframe this often keeps seeking in the player quick, whatever the frame rate. */
const KEYFRAME_SECONDS = 2;
/** The rates ffmpeg's AAC encoder takes; any other is resampled to 48 kHz. */
const AAC_SAMPLE_RATES = new Set([7350, 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 64000, 88200, 96000]);

/**
 * The ffmpeg arguments for a proxy every Chromium plays: MP4 (`+faststart`, so playback starts before the whole file
 * is read) holding H.264 8-bit 4:2:0 at most 1280 px on the long side, upright, square-pixelled, SDR, with the source's
 * timestamps (a variable frame rate stays in sync), and the first audio stream as AAC stereo. Audio-only sources give
 * an audio-only MP4. Pure: same media, same arguments.
 */
export function buildProxyArgs(input: string, output: string, media: MediaInfo): string[] {
  const audio = media.audio[0] ?? null;
  const video = media.kind === 'video' ? media.video : null;
  const videoArgs: string[] = [];
  if (video) {
    const size = fitWithin({ width: video.displayWidth, height: video.displayHeight }, PROXY_LONG_SIDE, true);
    videoArgs.push(
      '-map', `0:${video.index}`,
      // ffmpeg has already turned the picture upright; the size is the upright display size.
      '-vf', [...toneMapFilters(video.hdr), `scale=${size.width}:${size.height}`, 'setsar=1', 'format=yuv420p'].join(','),
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23',
      // With B-frames, ffmpeg 5.1's MP4 muxer ends a variable-frame-rate track at its last decode time, cutting the
      // last frames off for players that honour the edit list; scrubbing is quicker without them too.
      '-bf', '0',
      '-force_key_frames', `expr:gte(t,n_forced*${KEYFRAME_SECONDS})`,
      '-fps_mode', 'passthrough',
    );
  }
  return [
    '-y', '-i', input,
    ...videoArgs,
    ...(audio ? audioArgs(audio) : ['-an']),
    '-sn', '-dn', '-map_chapters', '-1',
    '-movflags', '+faststart', '-f', 'mp4', output,
  ];
}

function audioArgs(audio: AudioStreamInfo): string[] {
  const channels = audio.channels === 1 ? 1 : 2;
  const sampleRate = audio.sampleRate !== null && AAC_SAMPLE_RATES.has(audio.sampleRate) ? audio.sampleRate : 48_000;
  return ['-map', `0:${audio.index}`, '-c:a', 'aac', '-b:a', '128k', '-ac', String(channels), '-ar', String(sampleRate)];
}
