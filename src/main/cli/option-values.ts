import type { CommandContext } from './commands';
import { UsageError } from './usage-error';

/** Reading the values of a command's string options, with a usage error that names the option when one is wrong. */

/** A numeric option, or undefined when absent; a UsageError when it is not a number. */
export function numberOption(ctx: CommandContext, name: string): number | undefined {
  const value = ctx.options[name];
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new UsageError(`--${name} must be a number, got “${String(value)}”`);
  return number;
}

/** A whole-number option from `min` to `max`, `fallback` when absent. */
export function wholeNumberOption(ctx: CommandContext, name: string, fallback: number, min: number, max: number): number {
  const raw = ctx.options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} is a whole number from ${min} to ${max}`);
  return value;
}
