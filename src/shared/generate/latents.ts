/**
 * Latent vectors for generative models, made from seeds so the same seed always gives the same image on every
 * machine: a small PRNG (mulberry32) feeding Box–Muller normals, scaled by a temperature. Plus the walks between
 * latents that interpolations, morphs and loops use. Runs anywhere: no Node, no DOM.
 */

/** A PRNG with 32 bits of state: fast, well spread, and the same in every JavaScript engine. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` standard normal values from `seed`, times `temperature` (below 1: closer to the typical image). */
export function latentForSeed(seed: number, size: number, temperature = 1): Float32Array {
  const random = mulberry32(seed);
  const latent = new Float32Array(size);
  for (let i = 0; i < size; i += 2) {
    // Box–Muller: two uniforms in (0, 1] give two independent normals.
    const u = 1 - random();
    const v = random();
    const radius = Math.sqrt(-2 * Math.log(u)) * temperature;
    latent[i] = radius * Math.cos(2 * Math.PI * v);
    if (i + 1 < size) latent[i + 1] = radius * Math.sin(2 * Math.PI * v);
  }
  return latent;
}

/**
 * The point `t` (0..1) of the way from `a` to `b` along the great circle between them (slerp): Gaussian latents live
 * near a sphere, and a straight line between two of them passes through unlikely, washed-out ones.
 */
export function slerp(a: Float32Array, b: Float32Array, t: number): Float32Array {
  const norm = (v: Float32Array) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0)) || 1;
  const na = norm(a);
  const nb = norm(b);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i]! / na) * (b[i]! / nb);
  const omega = Math.acos(Math.min(1, Math.max(-1, dot)));
  const out = new Float32Array(a.length);
  if (omega < 1e-6) {
    for (let i = 0; i < a.length; i++) out[i] = a[i]! + (b[i]! - a[i]!) * t;
    return out;
  }
  const sin = Math.sin(omega);
  const wa = Math.sin((1 - t) * omega) / sin;
  const wb = Math.sin(t * omega) / sin;
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i]! + wb * b[i]!;
  return out;
}

/**
 * A loop through the latents of `seeds` and back to the first, `frames` frames long, eased so it never jerks at a
 * key: frame k of a seamless loop for a latent walk.
 */
export function loopLatents(keys: readonly Float32Array[], frames: number): Float32Array[] {
  if (keys.length === 0 || frames < 1) return [];
  const out: Float32Array[] = [];
  for (let k = 0; k < frames; k++) {
    const position = (k / frames) * keys.length;
    const index = Math.floor(position);
    out.push(slerp(keys[index % keys.length]!, keys[(index + 1) % keys.length]!, smoothstep(position - index)));
  }
  return out;
}

/** The one-hot class vector of class `index` among `count`; the seed picks a class when none is asked for. */
export function classVector(count: number, index: number | null, seed: number): Float32Array {
  const vector = new Float32Array(count);
  vector[index ?? Math.floor(mulberry32(seed ^ 0x9e3779b9)() * count)] = 1;
  return vector;
}

/**
 * A morph from latent `from` to `to` in `frames` frames, eased at both ends. Ping-pong goes there and back (frame
 * frames/2 is `to`, and the frame after the last would be `from` again), so the clip loops without a jump; otherwise
 * the first frame is `from` and the last is `to`.
 */
export function morphLatents(from: Float32Array, to: Float32Array, frames: number, pingPong: boolean): Float32Array[] {
  return Array.from({ length: Math.max(0, frames) }, (_, k) => slerp(from, to, smoothstep(morphPosition(k, frames, pingPong))));
}

/** How far frame `k` of `frames` is from the start (0) to the end (1) of a morph. */
export function morphPosition(k: number, frames: number, pingPong: boolean): number {
  if (pingPong) {
    const phase = k / frames;
    return phase <= 0.5 ? phase * 2 : 2 - phase * 2;
  }
  return frames <= 1 ? 0 : k / (frames - 1);
}

/** Eases 0..1 so a walk starts and stops gently instead of with a jerk. */
export function smoothstep(t: number): number {
  return t * t * (3 - 2 * t);
}
