/** A typed array that copies others into itself: every kind (Float32Array, Uint8Array, BigInt64Array…) is one. */
interface JoinableArray<E> {
  readonly length: number;
  set(array: ArrayLike<E>, offset?: number): void;
}

/** `parts` one after another in one new array that `create` makes of their total length. Runs anywhere. */
export function joinArrays<E, T extends JoinableArray<E>>(parts: readonly ArrayLike<E>[], create: (length: number) => T): T {
  const out = create(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
