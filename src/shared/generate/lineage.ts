import type { z } from 'zod';
import { apiMethods, type ApiParsedInput } from '../api';
import type { Lineage } from '../assets';
import {
  GenerateLoopSchema,
  GenerateMorphSchema,
  GenerateSampleSchema,
  GenerateVariationsSchema,
  type GenerateLoop,
  type GenerateMorph,
  type GenerateSample,
  type GenerateVariations,
} from './requests';

/**
 * An asset's lineage is the parsed request that made it, spread over the lineage's fields: the model, the source
 * assets, and every other setting as a parameter (a setting left at null is left out, and its default brings it back).
 * So the lineage of a generated asset turns back into the request that makes the same asset again.
 */

export type GenerateUpscale = ApiParsedInput<'generate.upscale'>;

/** A request that makes an asset, by the operation it is. */
export type MakingRequest =
  | { operation: 'sample'; request: GenerateSample }
  | { operation: 'loop'; request: GenerateLoop }
  | { operation: 'variation'; request: GenerateVariations }
  | { operation: 'morph'; request: GenerateMorph }
  | { operation: 'upscale'; request: GenerateUpscale };

export class LineageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LineageError';
  }
}

/** The upscaler model an upscale runs. */
export function upscaleModelId(scale: 2 | 4, quality: GenerateUpscale['quality']): string {
  return `rdn-${quality}-x${scale}`;
}

export function lineageOf(making: MakingRequest): Lineage {
  switch (making.operation) {
    case 'sample':
    case 'loop': {
      const { model, ...settings } = making.request;
      return { operation: making.operation, model, parameters: parametersOf(settings), sources: [], seed: making.request.seed };
    }
    case 'variation': {
      const { encoder, assetId, ...settings } = making.request;
      return { operation: 'variation', model: encoder, parameters: parametersOf(settings), sources: [assetId], seed: making.request.seed };
    }
    case 'morph': {
      const { encoder, fromAssetId, toAssetId, ...settings } = making.request;
      return { operation: 'morph', model: encoder, parameters: parametersOf(settings), sources: [fromAssetId, toAssetId] };
    }
    case 'upscale': {
      const { assetId, scale, quality } = making.request;
      return { operation: 'upscale', model: upscaleModelId(scale, quality), parameters: { scale, quality }, sources: [assetId] };
    }
  }
}

/** The request a lineage records, checked by the same schema as a new request; LineageError when it is not one. */
export function makingRequestOf(lineage: Lineage): MakingRequest {
  const { model, parameters, sources } = lineage;
  switch (lineage.operation) {
    case 'sample':
      return { operation: 'sample', request: parse(GenerateSampleSchema, { ...parameters, model }) };
    case 'loop':
      return { operation: 'loop', request: parse(GenerateLoopSchema, { ...parameters, model }) };
    case 'variation':
      return { operation: 'variation', request: parse(GenerateVariationsSchema, { ...parameters, encoder: model, assetId: sources[0] }) };
    case 'morph':
      return { operation: 'morph', request: parse(GenerateMorphSchema, { ...parameters, encoder: model, fromAssetId: sources[0], toAssetId: sources[1] }) };
    case 'upscale':
      return { operation: 'upscale', request: parse(apiMethods['generate.upscale'].input, { ...parameters, assetId: sources[0] }) };
  }
}

function parametersOf(settings: Record<string, number | string | boolean | null>): Lineage['parameters'] {
  return Object.fromEntries(Object.entries(settings).filter((entry): entry is [string, number | string | boolean] => entry[1] !== null));
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LineageError(`Its recorded settings are not a request this version understands (${issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'invalid'}).`);
  }
  return parsed.data;
}
