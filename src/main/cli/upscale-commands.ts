import path from 'node:path';
import { standaloneInference } from '../engine/analysis/speech/local-vad';
import { defaultConfigDir } from '../engine/config/paths';
import { locateTool } from '../engine/ffmpeg/locate';
import { upscaleFile } from '../engine/generate/upscale-file';
import { PartialFiles, partialOutputsDir } from '../engine/jobs/partial-files';
import { probeFile } from '../engine/media/probe';
import type { CliCommand } from './commands';
import { cancelledAs, terminalProgress } from './terminal-progress';
import { UsageError } from './usage-error';

/** `reelsmith upscale`: an image or a short video made 2 or 4 times larger with the bundled RDN models. */
export const UPSCALE_COMMANDS: readonly CliCommand[] = [
  {
    path: ['upscale'],
    positionals: ['file'],
    summary: 'Upscale an image (alpha kept, PNG) or a video (frame by frame, sound copied) 2 or 4 times with a local model',
    description: 'Models: RDN slim (quicker) or medium (sharper), from UpscalerJS (MIT). Runs on the GPU when one is usable.',
    options: [
      { name: 'o', type: 'string', valueName: 'OUT', description: 'Output file (required): .png for images, .mp4/.mov/.mkv for video' },
      { name: 'scale', type: 'string', valueName: 'N', description: '2 or 4 (default 2)' },
      { name: 'quality', type: 'string', valueName: 'Q', description: 'slim (default) or medium' },
    ],
    async run(ctx) {
      const { options, cwd } = ctx;
      if (typeof options.o !== 'string') throw new UsageError('-o <out> is required');
      const scale = options.scale === undefined ? '2' : String(options.scale);
      if (scale !== '2' && scale !== '4') throw new UsageError('--scale is 2 or 4');
      const quality = options.quality === undefined ? 'slim' : String(options.quality);
      if (quality !== 'slim' && quality !== 'medium') throw new UsageError('--quality is slim or medium');
      const input = path.resolve(cwd, ctx.args[0]!);
      const output = path.resolve(cwd, options.o);
      if (output === input) throw new UsageError('The output would overwrite the input; choose another name.');
      const media = await probeFile(locateTool('ffprobe').path, input);
      const inference = standaloneInference();
      const progress = terminalProgress(ctx, 'Upscaling');
      try {
        const model = await inference.model(`rdn-${quality}-x${scale}`);
        if (model.task !== 'image-to-image') throw new Error(`${model.name} is not an upscaler.`);
        const partials = new PartialFiles(partialOutputsDir(defaultConfigDir()));
        const size = await partials.writeThrough(output, (partial) =>
          upscaleFile(input, partial, {
            ffmpeg: locateTool('ffmpeg').path,
            runner: inference,
            model,
            media,
            signal: ctx.interrupted,
            onProgress: progress.update,
          }),
        );
        return { json: { output, ...size, model: model.id }, text: `Wrote ${output} (${size.width}×${size.height})` };
      } catch (error) {
        throw cancelledAs(error, 'Upscale cancelled.');
      } finally {
        progress.end();
        inference.dispose();
      }
    },
  },
];
