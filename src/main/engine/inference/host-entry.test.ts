import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveHostEntry } from './host-entry';

const only = (...files: string[]) => (file: string) => files.includes(path.resolve(file));

describe('resolveHostEntry', () => {
  it('uses the built host beside a built entry or one folder up from a chunk', () => {
    expect(resolveHostEntry('/app/out/main', only('/app/out/main/inference-host.js'))).toEqual({ file: '/app/out/main/inference-host.js', execArgv: [] });
    expect(resolveHostEntry('/app/out/main/chunks', only('/app/out/main/inference-host.js'))).toEqual({ file: '/app/out/main/inference-host.js', execArgv: [] });
  });

  it('runs the TypeScript entry through tsx from sources', () => {
    const dir = '/repo/src/main/engine/inference';
    expect(resolveHostEntry(dir, only(`${dir}/host-main.ts`))).toEqual({ file: `${dir}/host-main.ts`, execArgv: ['--import', 'tsx'] });
  });

  it('says to build when neither is there', () => {
    expect(() => resolveHostEntry('/somewhere', only())).toThrow(/run npm run build/);
  });
});
