import { describe, expect, it } from 'vitest';
import { collectDroppedFiles, isHiddenPath, namePickedFiles, type DroppedEntry } from './dropped-files';

type Entry = DroppedEntry<string>;

function file(fullPath: string): Entry {
  const name = fullPath.split('/').pop()!;
  return { name, fullPath, isDirectory: false, file: (success) => success(`contents of ${name}`) };
}

function unreadableFile(fullPath: string): Entry {
  const name = fullPath.split('/').pop()!;
  return { name, fullPath, isDirectory: false, file: (_, failure) => failure?.(new Error('NotReadableError')) };
}

/** A folder whose reader answers in batches of two, as browsers answer in batches. */
function folder(fullPath: string, children: Entry[]): Entry {
  const name = fullPath.split('/').pop()!;
  return {
    name,
    fullPath,
    isDirectory: true,
    createReader() {
      let offset = 0;
      return {
        readEntries(success) {
          const batch = children.slice(offset, offset + 2);
          offset += batch.length;
          setTimeout(() => success(batch), 0);
        },
      };
    },
  };
}

describe('collectDroppedFiles', () => {
  it('walks folders to the bottom, naming files by their path inside the drop', async () => {
    const trip = folder('/trip', [
      folder('/trip/day2', [file('/trip/day2/b.mp4')]),
      file('/trip/notes.wav'),
      folder('/trip/day1', [file('/trip/day1/clip 10.mp4'), file('/trip/day1/clip 2.mp4'), file('/trip/day1/x.png')]),
    ]);
    const { files, unreadable } = await collectDroppedFiles([file('/solo.mov'), trip]);
    expect(files.map((f) => f.name)).toEqual([
      'solo.mov',
      'trip/day1/clip 2.mp4',
      'trip/day1/clip 10.mp4',
      'trip/day1/x.png',
      'trip/day2/b.mp4',
      'trip/notes.wav',
    ]);
    expect(files[0]!.file).toBe('contents of solo.mov');
    expect(unreadable).toEqual([]);
  });

  it('leaves out hidden files and hidden folders', async () => {
    const root = folder('/shoot', [
      file('/shoot/.DS_Store'),
      folder('/shoot/.cache', [file('/shoot/.cache/a.mp4')]),
      file('/shoot/a.mp4'),
    ]);
    const { files } = await collectDroppedFiles([root, file('/.hidden.mp4')]);
    expect(files.map((f) => f.name)).toEqual(['shoot/a.mp4']);
  });

  it('reports a file the browser would not read and carries on', async () => {
    const { files, unreadable } = await collectDroppedFiles([unreadableFile('/locked.mp4'), file('/ok.mp4')]);
    expect(files.map((f) => f.name)).toEqual(['ok.mp4']);
    expect(unreadable).toEqual([{ name: 'locked.mp4', reason: 'The browser could not read it: NotReadableError.' }]);
  });
});

describe('namePickedFiles', () => {
  it('names files from a folder picker by their relative path, and plain picks by name', () => {
    const picked = [
      { name: 'a.mp4', webkitRelativePath: 'trip/a.mp4' },
      { name: 'b.mp4', webkitRelativePath: '' },
      { name: 'c.mp4', webkitRelativePath: 'trip/.thumbs/c.mp4' },
    ];
    expect(namePickedFiles(picked).map((f) => f.name)).toEqual(['trip/a.mp4', 'b.mp4']);
  });
});

describe('isHiddenPath', () => {
  it('spots a hidden file or a file under a hidden folder', () => {
    expect(isHiddenPath('.env')).toBe(true);
    expect(isHiddenPath('a/.git/x')).toBe(true);
    expect(isHiddenPath('a/b.c/x.mp4')).toBe(false);
  });
});
