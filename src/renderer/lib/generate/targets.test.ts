import { describe, expect, it } from 'vitest';
import { asset } from '../gallery/fixtures';
import { generateTarget, refusalFor, sortDropped } from './targets';

const image = asset('pic', { name: 'pic.png', kind: 'image' });
const video = asset('clip');
const sound = asset('talk', { name: 'talk.wav', kind: 'audio' }, { kind: 'audio', video: null });

describe('Generate targets', () => {
  it('lets an upscale take images and videos but refuses sound in words', () => {
    const { accepted, refusals } = sortDropped(generateTarget('upscale-4'), [image, sound, video]);
    expect(accepted.map((a) => a.id)).toEqual(['pic', 'clip']);
    expect(refusals).toEqual(['talk.wav is sound: Upscale ×4 takes an image or a video.']);
  });

  it('takes only pictures for variations and morphs', () => {
    expect(refusalFor(generateTarget('variations'), video)).toBe('clip.mp4 is a video: Variations takes an image.');
    expect(refusalFor(generateTarget('morph'), image)).toBeNull();
  });

  it('refuses a file it cannot read', () => {
    expect(refusalFor(generateTarget('upscale-2'), { ...image, status: 'missing' })).toMatch(/cannot be read/);
  });

  it('asks for a click on a target that draws from the generator alone', () => {
    expect(refusalFor(generateTarget('loop'), image)).toMatch(/click it/);
  });
});
