import { z } from 'zod';

/** The frame rate, frame size and sample rate a project or a sequence is made at. Runs anywhere: no Node, no DOM. */

/** Frames per second as a fraction (30000/1001 for 29.97), so frame times are exact. */
export const FrameRateSchema = z.object({
  num: z.number().int().min(1).max(1_000_000),
  den: z.number().int().min(1).max(1_000_000),
});
export type FrameRate = z.infer<typeof FrameRateSchema>;

/** A frame's sides in pixels: even (H.264 in 4:2:0 needs it), from 16 to 16,384. */
export const FRAME_SIDE = { min: 16, max: 16_384 } as const;

const FrameSideSchema = z.number().int().min(FRAME_SIDE.min).max(FRAME_SIDE.max).multipleOf(2);

export const FrameSizeSchema = z.object({ width: FrameSideSchema, height: FrameSideSchema });
export type FrameSize = z.infer<typeof FrameSizeSchema>;

export const SampleRateSchema = z.union([z.literal(44100), z.literal(48000)]);
export type SampleRate = z.infer<typeof SampleRateSchema>;
