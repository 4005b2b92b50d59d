import type { AssetView } from '../../../shared/assets';
import type { MediaKind } from '../../../shared/media';
import type { IconName } from '../ui/icons';

/**
 * The Generate panel's drop targets: what each makes, which media it takes, and a sentence for media it refuses. A
 * target that makes something from the chosen generator alone (a sheet, a loop) also works with nothing dropped.
 */

export const GENERATE_TARGET_IDS = ['upscale-2', 'upscale-4', 'variations', 'morph', 'sheet', 'loop'] as const;
export type GenerateTargetId = (typeof GENERATE_TARGET_IDS)[number];

export interface GenerateTarget {
  id: GenerateTargetId;
  label: string;
  icon: IconName;
  /** The media a drop may carry; empty when the target takes none. */
  accepts: readonly MediaKind[];
  /** What the target does, in a line under its label. */
  description: string;
}

export const GENERATE_TARGETS: readonly GenerateTarget[] = [
  { id: 'upscale-2', label: 'Upscale ×2', icon: 'enlarge', accepts: ['image', 'video'], description: 'Twice the pixels on a side, with a local model' },
  { id: 'upscale-4', label: 'Upscale ×4', icon: 'enlarge', accepts: ['image', 'video'], description: 'Four times the pixels on a side' },
  { id: 'variations', label: 'Variations', icon: 'variations', accepts: ['image'], description: 'New pictures near the one dropped, one file each' },
  { id: 'morph', label: 'Morph', icon: 'morph', accepts: ['image'], description: 'A clip that turns one picture into another' },
  { id: 'sheet', label: 'Sticker sheet', icon: 'gallery', accepts: ['image'], description: 'Click: samples from the generator. Drop a picture: its variations' },
  { id: 'loop', label: 'Latent loop', icon: 'loop', accepts: [], description: 'A seamless clip through the generator’s seeds' },
];

export function generateTarget(id: GenerateTargetId): GenerateTarget {
  return GENERATE_TARGETS.find((target) => target.id === id)!;
}

/** The dropped assets a target takes, and a sentence for each it refuses. */
export function sortDropped(target: GenerateTarget, assets: readonly AssetView[]): { accepted: AssetView[]; refusals: string[] } {
  const accepted: AssetView[] = [];
  const refusals: string[] = [];
  for (const asset of assets) {
    const refusal = refusalFor(target, asset);
    if (refusal) refusals.push(refusal);
    else accepted.push(asset);
  }
  return { accepted, refusals };
}

/** Why a target cannot take an asset, or null when it can. */
export function refusalFor(target: GenerateTarget, asset: AssetView): string | null {
  if (target.accepts.length === 0) return `${target.label} draws from the generator: click it rather than dropping media.`;
  if (asset.status !== 'ready') return `${asset.name} cannot be read now, so it cannot be used for ${target.label}.`;
  if (!target.accepts.includes(asset.kind) || !asset.media.video) return `${asset.name} is ${KIND_WORDS[asset.kind]}: ${target.label} takes ${acceptedWords(target.accepts)}.`;
  return null;
}

const KIND_WORDS: Record<MediaKind, string> = { video: 'a video', audio: 'sound', image: 'an image' };

function acceptedWords(kinds: readonly MediaKind[]): string {
  const words = kinds.map((kind) => KIND_WORDS[kind]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? 'nothing');
}
