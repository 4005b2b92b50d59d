import { z } from 'zod';
import { AssetIdSchema } from '../assets';
import { ClipReasonSchema, FrameSchema } from '../timeline/timeline';
import { DeadAirRequestSchema } from './requests';

/**
 * How an automatic edit made a sequence: the asset, the request and the stretches it cut the asset into (in frames
 * of the sequence). Kept on the sequence so the edit can be re-run with other settings while the user's own changes
 * survive (see rerun.ts). Runs anywhere.
 */

export const FramePieceSchema = z.object({
  sourceIn: FrameSchema,
  sourceOut: FrameSchema,
  kept: z.boolean(),
  reason: ClipReasonSchema,
});

export const AutoEditOriginSchema = z.object({
  kind: z.literal('dead-air'),
  assetId: AssetIdSchema,
  request: DeadAirRequestSchema,
  pieces: z.array(FramePieceSchema).max(200_000),
});
export type AutoEditOrigin = z.infer<typeof AutoEditOriginSchema>;
