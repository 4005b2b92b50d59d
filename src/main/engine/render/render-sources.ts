import type { RenderPlan } from '../../../shared/render/render-plan';
import { alphaDecoderArgs } from '../ffmpeg/alpha-decoder';
import { JobFailure } from '../jobs/job-queue';
import { probeFile, ProbeError } from '../media/probe';
import type { RenderSourceInfo } from './graph/render-graph';

/** Every file a plan reads: video and audio segments and image overlays, each once. */
export function planSources(plan: RenderPlan): string[] {
  const files = new Set<string>();
  for (const layer of plan.video) for (const segment of layer.segments) files.add(segment.source);
  for (const track of plan.audio) for (const segment of track.segments) files.add(segment.source);
  for (const overlay of plan.overlays) if (overlay.kind === 'image') files.add(overlay.source);
  return [...files];
}

/** Probes every source of a plan (throws ProbeError, with a message for the user, for one that cannot be used). */
export async function probeRenderSources(ffprobe: string, plan: RenderPlan): Promise<Map<string, RenderSourceInfo>> {
  const entries = await Promise.all(
    planSources(plan).map(async (file): Promise<[string, RenderSourceInfo]> => {
      const info = await probeFile(ffprobe, file);
      const { video } = info;
      const sound = info.audio[0];
      return [
        file,
        {
          hasVideo: video !== null,
          audio: sound ? { codec: sound.codec, channels: sound.channels } : null,
          still: info.kind === 'image',
          duration: info.duration,
          pictureDuration: video?.duration ?? null,
          sar: video?.sar ?? { num: 1, den: 1 },
          displayWidth: video?.displayWidth ?? null,
          displayHeight: video?.displayHeight ?? null,
          decoder: alphaDecoderArgs(video),
          hdr: video?.hdr ?? null,
        },
      ];
    }),
  );
  return new Map(entries);
}

/** `work`, with a ProbeError (a source missing, or not media) turned into a job failure that shows its message. */
export async function withProbeFailures<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ProbeError) throw new JobFailure({ message: error.message });
    throw error;
  }
}
