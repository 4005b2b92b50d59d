import type { AudioStreamInfo, MediaInfo } from '../../../../shared/media';
import { locateTool } from '../../ffmpeg/locate';
import { probeFile } from '../../media/probe';

/** The programs an analysis runs; found the usual way (locateTool) unless given. */
export interface AnalysisTools {
  ffmpeg: string;
  ffprobe: string;
}

export function defaultAnalysisTools(): AnalysisTools {
  return { ffmpeg: locateTool('ffmpeg').path, ffprobe: locateTool('ffprobe').path };
}

export interface AudioSource {
  info: MediaInfo;
  stream: AudioStreamInfo;
  /** Counted among the file's audio streams from 0, as `-map 0:a:N` takes it. */
  audioStream: number;
}

/** Probes a file and picks one of its audio streams, saying plainly when there is no such stream. */
export async function probeAudioSource(ffprobe: string, file: string, audioStream = 0): Promise<AudioSource> {
  const info = await probeFile(ffprobe, file);
  const stream = info.audio[audioStream];
  if (!stream) {
    const count = info.audio.length;
    throw new Error(
      count === 0
        ? `${file} has no sound to analyse.`
        : `${file} has ${count} audio stream${count === 1 ? '' : 's'}; there is no stream ${audioStream} (they are counted from 0).`,
    );
  }
  return { info, stream, audioStream };
}
