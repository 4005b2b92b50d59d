import { describe, expect, it } from 'vitest';
import type { ReelsmithBridge } from '../../../shared/bridge';
import { ApiError } from '../../../shared/errors';
import type { CallResult } from '../../../shared/wire';
import { desktopPathImporter } from './desktop-import';

function bridge(answer: CallResult): ReelsmithBridge & { dropped: File[][] } {
  const dropped: File[][] = [];
  return {
    dropped,
    call: async () => answer,
    importDropped: async (files) => {
      dropped.push(files);
      return answer;
    },
    onEvent: () => () => undefined,
    onShellCommand: () => () => undefined,
  };
}

const report = { results: [], imported: 0, duplicates: 0, rejected: 0 };

describe('desktopPathImporter', () => {
  it('is absent in the web shell, where there is no bridge', () => {
    expect(desktopPathImporter(undefined)).toBeNull();
  });

  it('hands the dropped files to the bridge and returns the engine’s report', async () => {
    const desktop = bridge({ ok: true, value: report });
    const files = [new File(['x'], 'a.mp4')];
    await expect(desktopPathImporter(desktop)!(files)).resolves.toEqual(report);
    expect(desktop.dropped).toEqual([files]);
  });

  it('turns a refusal into the engine’s error', async () => {
    const refusal = { code: 'NO_PROJECT_OPEN', message: 'No project.' } as const;
    const importer = desktopPathImporter(bridge({ ok: false, error: refusal }));
    await expect(importer!([])).rejects.toMatchObject({ code: 'NO_PROJECT_OPEN', message: 'No project.' });
  });

  it('refuses a report it cannot read', async () => {
    const importer = desktopPathImporter(bridge({ ok: true, value: { imported: 'many' } }));
    await expect(importer!([])).rejects.toBeInstanceOf(ApiError);
  });
});
