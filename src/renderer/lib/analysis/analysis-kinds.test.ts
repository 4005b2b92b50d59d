import { describe, expect, it } from 'vitest';
import { analysisKinds } from './analysis-kinds';

const stream = { index: 0, codec: 'aac', channels: 2, channelLayout: 'stereo', sampleRate: 48000, language: null };
const media = (audio: number) => ({ audio: Array.from({ length: audio }, () => stream) }) as never;

describe('analysisKinds', () => {
  it('offers speech and loudness for sound, scenes for video, nothing for a missing file', () => {
    expect(analysisKinds({ kind: 'video', status: 'ready', media: media(1) })).toEqual(['speech', 'loudness', 'scenes']);
    expect(analysisKinds({ kind: 'video', status: 'ready', media: media(0) })).toEqual(['scenes']);
    expect(analysisKinds({ kind: 'audio', status: 'ready', media: media(1) })).toEqual(['speech', 'loudness']);
    expect(analysisKinds({ kind: 'image', status: 'ready', media: media(0) })).toEqual([]);
    expect(analysisKinds({ kind: 'video', status: 'missing', media: media(1) })).toEqual([]);
  });
});
