import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosave } from './autosave';

describe('Autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, a delay after the last change', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = new Autosave(save, 1000, 5000, () => Date.now());
    autosave.changed();
    await vi.advanceTimersByTimeAsync(600);
    autosave.changed();
    await vi.advanceTimersByTimeAsync(600);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledTimes(1);
    expect(autosave.pending).toBe(false);
  });

  it('saves within the maximum wait even while changes never stop', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = new Autosave(save, 1000, 3000, () => Date.now());
    for (let t = 0; t < 3500; t += 500) {
      autosave.changed();
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does nothing after cancel', async () => {
    const save = vi.fn(async () => undefined);
    const autosave = new Autosave(save, 100, 1000, () => Date.now());
    autosave.changed();
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
  });
});
