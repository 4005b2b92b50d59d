import fs from 'node:fs/promises';
import path from 'node:path';
import type { SequenceRange } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { ProjectDocument } from '../../../shared/project/document';
import { planInRange } from '../../../shared/render/plan-range';
import type { RenderPlanInput } from '../../../shared/render/render-plan';
import { sequenceRenderPlan, UnrenderableSequence } from '../../../shared/timeline/render-plan';

/**
 * The render plan of one of a project's sequences, or of a range of it, with media found by asset id. A sequence
 * that cannot be rendered (empty, missing media, a range outside it) is refused with the reason.
 */
export function planOfSequence(document: ProjectDocument, sequenceId: string, range?: SequenceRange): RenderPlanInput {
  const sequence = document.sequences.find((s) => s.id === sequenceId);
  if (!sequence) throw new ApiError('NOT_FOUND', `There is no sequence with id ${sequenceId}.`);
  const assets = new Map(document.assets.map((a) => [a.id, a]));
  try {
    const plan = sequenceRenderPlan(sequence, document.settings.sampleRate, (id) => {
      const asset = assets.get(id);
      return asset ? { path: asset.path, hasSound: asset.media.audio.length > 0 } : null;
    });
    return range ? planInRange(plan, range) : plan;
  } catch (error) {
    if (error instanceof UnrenderableSequence) throw new ApiError('INVALID_PARAMS', error.message);
    if (error instanceof RangeError) throw new ApiError('INVALID_PARAMS', `${error.message} Move the In and Out points inside the sequence.`);
    throw error;
  }
}

/**
 * A path in `folder` for `name` + `extension` that no file and no export still running uses: "Talk.mp4", then
 * "Talk 2.mp4", "Talk 3.mp4"… The path is reserved until `release` is called, so two exports started together
 * never write the same file.
 */
export class OutputNames {
  private readonly reserved = new Set<string>();

  async claim(folder: string, name: string, extension: string): Promise<{ path: string; release: () => void }> {
    await fs.mkdir(folder, { recursive: true });
    for (let n = 1; ; n++) {
      const candidate = path.join(folder, `${n === 1 ? name : `${name} ${n}`}${extension}`);
      if (this.reserved.has(candidate) || (await exists(candidate))) continue;
      this.reserved.add(candidate);
      return { path: candidate, release: () => this.reserved.delete(candidate) };
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}
