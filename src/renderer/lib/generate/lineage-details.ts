import type { Lineage } from '../../../shared/assets';

/**
 * A made asset's recipe for the detail panel: its seed first, then the parameters a creator tunes, in words, in a
 * fixed order. Ids (the sources, the model) are shown elsewhere; parameters this list does not know come last as
 * they are, so nothing the engine recorded is hidden.
 */

export interface LineageDetail {
  label: string;
  value: string;
}

type Value = Lineage['parameters'][string];

const KNOWN: readonly { key: string; label: string; format?: (value: Value) => string }[] = [
  { key: 'count', label: 'Count' },
  { key: 'classIndex', label: 'Class' },
  { key: 'temperature', label: 'Temperature' },
  { key: 'spread', label: 'Spread' },
  { key: 'keys', label: 'Key frames' },
  { key: 'seconds', label: 'Length', format: (value) => `${value} s` },
  { key: 'pingPong', label: 'There and back', format: (value) => (value ? 'yes' : 'no') },
  { key: 'layout', label: 'Layout', format: (value) => (value === 'sheet' ? 'one sheet' : 'separate files') },
  { key: 'format', label: 'Format', format: (value) => String(value).toUpperCase() },
  { key: 'size', label: 'Size', format: (value) => `${value} px` },
  { key: 'scale', label: 'Scale', format: (value) => `×${value}` },
  { key: 'upscale', label: 'Upscaled', format: (value) => (value === 0 ? 'no' : `×${value}`) },
  { key: 'quality', label: 'Quality' },
];

/** Named in the lineage line or its sources already. */
const SHOWN_ELSEWHERE = new Set(['seed', 'model', 'encoder', 'assetId', 'fromAssetId', 'toAssetId']);

/** `classes`: the generator's class names, so a class shows by name; without them it shows by number. */
export function lineageDetails(lineage: Lineage, classes: readonly string[] = []): LineageDetail[] {
  const parameters = lineage.parameters;
  const details: LineageDetail[] = [];
  const seed = lineage.seed ?? parameters.seed;
  if (seed !== undefined) details.push({ label: 'Seed', value: String(seed) });
  for (const { key, label, format } of KNOWN) {
    const value = parameters[key];
    if (value === undefined) continue;
    const text = key === 'classIndex' && typeof value === 'number' ? (classes[value] ?? `#${value}`) : format ? format(value) : String(value);
    details.push({ label, value: text });
  }
  const known = new Set(KNOWN.map(({ key }) => key));
  for (const [key, value] of Object.entries(parameters)) {
    if (!known.has(key) && !SHOWN_ELSEWHERE.has(key)) details.push({ label: key, value: String(value) });
  }
  return details;
}
