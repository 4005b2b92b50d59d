import { describe, expect, it } from 'vitest';
import { defaultProjectLocation, joinPath, projectFolderName } from './location';

describe('projectFolderName', () => {
  it('adds the extension to an ordinary name', () => {
    expect(projectFolderName('Summer Trip')).toBe('Summer Trip.reelsmith');
  });

  it('replaces characters that no file system accepts, keeping the rest of the name', () => {
    expect(projectFolderName('Intro: take 2/3?')).toBe('Intro take 2 3.reelsmith');
    expect(projectFolderName('Vlog «été» 日本')).toBe('Vlog «été» 日本.reelsmith');
  });

  it('never produces an empty, hidden-only or reserved name', () => {
    expect(projectFolderName('   ')).toBe('Untitled.reelsmith');
    expect(projectFolderName('...')).toBe('Untitled.reelsmith');
    expect(projectFolderName('name. ')).toBe('name.reelsmith');
    expect(projectFolderName('CON')).toBe('CON_.reelsmith');
  });
});

describe('defaultProjectLocation', () => {
  it('puts the project in the projects folder with the platform separator', () => {
    expect(defaultProjectLocation({ projectsDir: '/home/ana/Reelsmith', pathSeparator: '/' }, 'Ad')).toBe(
      '/home/ana/Reelsmith/Ad.reelsmith',
    );
    expect(defaultProjectLocation({ projectsDir: 'C:\\Users\\ana\\Videos\\', pathSeparator: '\\' }, 'Ad')).toBe(
      'C:\\Users\\ana\\Videos\\Ad.reelsmith',
    );
  });

  it('does not double a trailing separator', () => {
    expect(joinPath('/', 'a', '/')).toBe('/a');
    expect(joinPath('/data/', 'a', '/')).toBe('/data/a');
  });
});
