import { describe, expect, it } from 'vitest';
import { RenderPlanSchema, type RenderPlanInput } from '../../../../shared/render/render-plan';
import { INLINE_FILTER_LIMIT } from '../../ffmpeg/filter-script';
import { buildRenderGraph, type RenderSourceInfo, type RenderTarget } from './render-graph';

const STEREO_AAC = { codec: 'aac', channels: 2 };
const CLIP: RenderSourceInfo = {
  hasVideo: true,
  audio: STEREO_AAC,
  still: false,
  duration: 60,
  pictureDuration: null,
  sar: { num: 1, den: 1 },
  displayWidth: 1920,
  displayHeight: 1080,
};
const NO_PICTURE = { hasVideo: false, still: false, duration: 60, pictureDuration: null, sar: { num: 1, den: 1 }, displayWidth: null, displayHeight: null };
const SOURCES = new Map<string, RenderSourceInfo>([
  ['/m/a.mp4', CLIP],
  ['/m/b.mp4', CLIP],
  ['/m/anamorphic.mp4', { ...CLIP, sar: { num: 4, den: 3 } }],
  ['/m/silent.mp4', { ...CLIP, audio: null }],
  ['/m/music.flac', { ...NO_PICTURE, audio: { codec: 'flac', channels: 2 } }],
  ['/m/talk.wav', { ...NO_PICTURE, audio: { codec: 'pcm_s16le', channels: 1 } }],
  ['/m/phone.mp4', { ...CLIP, audio: { codec: 'aac', channels: 1 } }],
  ['/m/logo.png', { hasVideo: true, audio: null, still: true, duration: null, pictureDuration: null, sar: { num: 1, den: 1 }, displayWidth: 64, displayHeight: 64 }],
  ['/m/ten-seconds.mp4', { ...CLIP, duration: 10 }],
  ['/m/picture-stops-early.mp4', { ...CLIP, duration: 10, pictureDuration: 6 }],
  ['/m/frame-sized.mp4', { ...CLIP, displayWidth: 1280, displayHeight: 720 }],
]);
const SAME_SIZE: RenderTarget = { video: { width: 1280, height: 720, fit: 'letterbox', filterSuffix: 'format=yuv420p' }, audio: true };

function plan(input: Partial<RenderPlanInput>) {
  return RenderPlanSchema.parse({ frameRate: { num: 25, den: 1 }, frameSize: { width: 1280, height: 720 }, duration: 100, video: [], audio: [], ...input });
}

function cuts(source: string, parts: [sourceStart: number, duration: number][]) {
  let timelineStart = 0;
  return parts.map(([sourceStart, duration]) => {
    const segment = { source, sourceStart, timelineStart, duration };
    timelineStart += duration;
    return segment;
  });
}

/** The chains of a graph, each with the labels it reads and writes. */
function chains(graph: string) {
  return graph.split(';\n').map((text) => {
    const match = /^((?:\[[^\]]+\])*)(.*?)((?:\[[^\]]+\])*)$/s.exec(text)!;
    const labels = (part: string) => part.match(/\[[^\]]+\]/g) ?? [];
    return { inputs: labels(match[1]!), filters: match[2]!, outputs: labels(match[3]!) };
  });
}

function expectWellWired(graph: string, outputs: string[]) {
  const all = chains(graph);
  const written = all.flatMap((c) => c.outputs);
  const read = all.flatMap((c) => c.inputs).filter((label) => !/^\[\d+:[va]:0\]$/.test(label));
  expect(new Set(written).size).toBe(written.length);
  expect(new Set(read).size).toBe(read.length);
  expect([...read, ...outputs].sort()).toEqual([...written].sort());
}

describe('render graph', () => {
  it('cuts each segment on whole frames of a read resampled to the plan rate', () => {
    const segments = cuts('/m/a.mp4', [[10, 20], [40, 10], [1000, 30], [5, 40]]);
    const graph = buildRenderGraph(plan({ video: [{ segments }] }), SOURCES, SAME_SIZE, null);
    expect(graph.inputArgs).toEqual([
      '-t', '2.080000', '-i', '/m/a.mp4',
      '-ss', '39.960000', '-t', '1.320000', '-i', '/m/a.mp4',
      '-t', '1.880000', '-i', '/m/a.mp4',
    ]);
    // One pass deals the first read out to its two cuts: every frame goes to one piece, or is dropped, so the pieces
    // need no trim of their own.
    expect(graph.graph).toContain(
      '[0:v:0]fps=25:start_time=0,tpad=stop=-1:stop_mode=clone,trim=end_frame=50,segment=frames=10|30|40|50[vdrop0][segment0][vdrop1][segment1][vdrop2]',
    );
    expect(graph.graph).toMatch(/^\[segment0\]setpts=PTS-STARTPTS,.*\[vspan0\];$/m);
    expect(graph.graph).toMatch(/^\[segment1\]setpts=PTS-STARTPTS,.*\[vspan1\];$/m);
    const trims = [...graph.graph.matchAll(/trim=start_pts=(\d+):end_pts=(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // The seeked read starts a frame before 1000.
    expect(trims).toEqual([[1, 31], [5, 45]]);
    expect(graph.graph).toContain('concat=n=4:v=1:a=0,settb=expr=1/25,setpts=N[layer0]');
    expect(graph.durationSeconds).toBe(4);
    expectWellWired(graph.graph, ['[vout]', '[aout]']);
  });

  it('leaves a picture that already has the frame’s size and square pixels unscaled', () => {
    const graph = buildRenderGraph(
      plan({ video: [{ segments: [{ source: '/m/frame-sized.mp4', sourceStart: 0, timelineStart: 0, duration: 100 }] }] }),
      SOURCES,
      SAME_SIZE,
      null,
    );
    expect(graph.graph).toContain('tpad=stop=-1:stop_mode=clone,trim=start_pts=0:end_pts=100,setpts=PTS-STARTPTS,setsar=1,format=yuv420p[vspan0]');
  });

  it('fits every segment into the frame, squaring non-square pixels first, and fills gaps with black', () => {
    const graph = buildRenderGraph(
      plan({ video: [{ segments: [{ source: '/m/anamorphic.mp4', sourceStart: 0, timelineStart: 10, duration: 50 }] }] }),
      SOURCES,
      SAME_SIZE,
      null,
    );
    expect(graph.graph).toContain(
      'scale=trunc(iw*sar/2)*2:ih,setsar=1,scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p',
    );
    expect(graph.graph).toContain('color=c=black:s=1280x720:r=25,format=yuv420p,trim=end_frame=10[vpiece0]');
    expect(graph.graph).toContain('color=c=black:s=1280x720:r=25,format=yuv420p,trim=end_frame=40[vpiece1]');
  });

  it('cuts sound on whole samples placed by the timeline, and shares inputs with the picture it belongs to', () => {
    const segments = cuts('/m/a.mp4', [[3, 7], [400, 11]]);
    const graph = buildRenderGraph(
      plan({ frameRate: { num: 30_000, den: 1001 }, duration: 18, video: [{ segments }], audio: [{ segments }] }),
      SOURCES,
      SAME_SIZE,
      null,
    );
    expect(graph.inputCount).toBe(2);
    expect(graph.graph).toContain('[0:a:0]aresample=48000:async=1:first_pts=0,aformat=sample_fmts=fltp:channel_layouts=stereo,asetnsamples=n=16384:p=0,apad,atrim=');
    // Frame 3 is sample 4805 (4804.8); timeline frames 0–7 are 11211 samples, 7–18 are 17618.
    expect(graph.graph).toContain('atrim=start_pts=4805:end_pts=16016');
    const seekSamples = Math.round((399 * 1001 * 48_000) / 30_000);
    const startSamples = Math.round((400 * 1001 * 48_000) / 30_000) - seekSamples;
    expect(graph.graph).toContain(`atrim=start_pts=${startSamples}:end_pts=${startSamples + 17_618}`);
    expectWellWired(graph.graph, ['[vout]', '[aout]']);
  });

  it('reads a segment past its source’s end from two seconds before the end, so its last frame and silence go on', () => {
    const segments = cuts('/m/ten-seconds.mp4', [[0, 25], [400, 25]]);
    const graph = buildRenderGraph(plan({ duration: 50, video: [{ segments }], audio: [{ segments }] }), SOURCES, SAME_SIZE, null);
    // Frame 400 is 16 s into a 10 s source: the read seeks to 8 s, where there are frames to hold, not to 15.96 s.
    expect(graph.inputArgs).toEqual(['-t', '1.080000', '-i', '/m/ten-seconds.mp4', '-ss', '8.000000', '-t', '9.080000', '-i', '/m/ten-seconds.mp4']);
    expect(graph.graph).toContain('[1:v:0]fps=25:start_time=0,tpad=stop=-1:stop_mode=clone,trim=start_pts=200:end_pts=225,');
    expect(graph.graph).toContain('apad,atrim=start_pts=384000:end_pts=432000,');
    expectWellWired(graph.graph, ['[vout]', '[aout]']);
  });

  it('reads a picture that stops before its file from before the picture’s own end', () => {
    const segments = cuts('/m/picture-stops-early.mp4', [[200, 25]]);
    const graph = buildRenderGraph(plan({ duration: 25, video: [{ segments }], audio: [{ segments }] }), SOURCES, SAME_SIZE, null);
    // 8 s in: the picture ended at 6 s, so its read seeks to 4 s (and holds the last frame); the sound is there at 8 s.
    expect(graph.inputArgs).toEqual(['-ss', '4.000000', '-t', '5.080000', '-i', '/m/picture-stops-early.mp4', '-ss', '7.960000', '-t', '1.120000', '-i', '/m/picture-stops-early.mp4']);
    expect(graph.graph).toContain('[0:v:0]fps=25:start_time=0,tpad=stop=-1:stop_mode=clone,trim=start_pts=100:end_pts=125');
    expectWellWired(graph.graph, ['[vout]', '[aout]']);
  });

  it('cross-fades picture and sound over exactly the overlap', () => {
    const segments = [
      { source: '/m/a.mp4', sourceStart: 0, timelineStart: 0, duration: 50 },
      { source: '/m/b.mp4', sourceStart: 0, timelineStart: 40, duration: 60, transitionIn: { kind: 'crossfade' as const, frames: 10 } },
    ];
    const graph = buildRenderGraph(plan({ video: [{ segments }], audio: [{ segments }] }), SOURCES, SAME_SIZE, null);
    const fades = chains(graph.graph).filter((c) => /xfade|acrossfade/.test(c.filters));
    expect(fades.map((c) => c.filters)).toEqual(['xfade=transition=fade:duration=0.400000:offset=0', 'acrossfade=nb_samples=19200:curve1=tri:curve2=tri']);
    expect(graph.graph).toContain('trim=start_pts=40:end_pts=50');
    expect(graph.graph).toContain('trim=start_pts=0:end_pts=10');
    // Reads that feed a crossfade are split, not segmented: acrossfade loses the overlap behind asegment.
    expect(graph.graph).not.toMatch(/asegment|(^|[^a])segment=/m);
    expect(graph.graph).toMatch(/asplit=2/);
    expectWellWired(graph.graph, ['[vout]', '[aout]']);
  });

  it('sums audible tracks without normalising, applying clip and track volumes, and skips muted ones', () => {
    const graph = buildRenderGraph(
      plan({
        audio: [
          { segments: [{ source: '/m/a.mp4', sourceStart: 0, timelineStart: 0, duration: 100, volume: 0.5 }] },
          { segments: [{ source: '/m/music.flac', sourceStart: 0, timelineStart: 0, duration: 100 }], volume: 0.25 },
          { segments: [{ source: '/m/b.mp4', sourceStart: 0, timelineStart: 0, duration: 100 }], muted: true },
        ],
      }),
      SOURCES,
      { video: null, audio: true },
      null,
    );
    expect(graph.videoOut).toBeNull();
    expect(graph.inputArgs.filter((a) => a === '-i')).toHaveLength(2);
    expect(graph.graph).toContain('asetpts=PTS-STARTPTS,volume=0.5[aspan0]');
    expect(graph.graph).toContain('concat=n=1:v=0:a=1,volume=0.25[track1]');
    expect(graph.graph).toContain('[track0][track1]amix=inputs=2:normalize=0[aout]');
    expect(graph.graph).not.toContain('b.mp4');
    expectWellWired(graph.graph, ['[aout]']);
  });

  it('plays silence for a source without sound and for a plan without tracks', () => {
    const silent = buildRenderGraph(
      plan({ audio: [{ segments: [{ source: '/m/silent.mp4', sourceStart: 0, timelineStart: 0, duration: 100 }] }] }),
      SOURCES,
      { video: null, audio: true },
      null,
    );
    expect(silent.inputArgs).toEqual([]);
    expect(silent.graph).toContain('anullsrc=r=48000:cl=stereo,atrim=end_sample=192000[aspan0]');
    const none = buildRenderGraph(plan({}), SOURCES, { video: null, audio: true }, null);
    expect(none.graph).toBe('anullsrc=r=48000:cl=stereo,atrim=end_sample=192000[aout]');
  });

  it('keeps a mix of mono sources mono, silences included, and makes it stereo when any audible source is not', () => {
    const mono = buildRenderGraph(
      plan({
        audio: [
          { segments: [{ source: '/m/talk.wav', sourceStart: 0, timelineStart: 10, duration: 40 }, { source: '/m/silent.mp4', sourceStart: 0, timelineStart: 50, duration: 20 }] },
          { segments: [{ source: '/m/phone.mp4', sourceStart: 0, timelineStart: 0, duration: 30 }] },
          // Muted, so it is not heard and does not decide the layout.
          { segments: [{ source: '/m/music.flac', sourceStart: 0, timelineStart: 0, duration: 100 }], muted: true },
        ],
      }),
      SOURCES,
      { video: null, audio: true },
      null,
    );
    expect(mono.graph).toContain('aformat=sample_fmts=fltp:channel_layouts=mono');
    expect(mono.graph).toContain('anullsrc=r=48000:cl=mono,atrim=end_sample=19200[apiece0]');
    expect(mono.graph).toContain('anullsrc=r=48000:cl=mono,atrim=end_sample=38400[aspan1]');
    expect(mono.graph).not.toContain('stereo');
    expectWellWired(mono.graph, ['[aout]']);

    const mixed = buildRenderGraph(
      plan({
        audio: [
          { segments: [{ source: '/m/talk.wav', sourceStart: 0, timelineStart: 0, duration: 40 }] },
          { segments: [{ source: '/m/music.flac', sourceStart: 0, timelineStart: 0, duration: 100 }] },
        ],
      }),
      SOURCES,
      { video: null, audio: true },
      null,
    );
    expect(mixed.graph.match(/channel_layouts=stereo/g)).toHaveLength(2);
    expect(mixed.graph).not.toContain('mono');
  });

  it('stacks upper layers with transparent gaps and bars, and loops stills', () => {
    const graph = buildRenderGraph(
      plan({
        video: [
          { segments: [{ source: '/m/a.mp4', sourceStart: 0, timelineStart: 0, duration: 100 }] },
          { segments: [] },
          { segments: [{ source: '/m/logo.png', sourceStart: 0, timelineStart: 20, duration: 30 }] },
        ],
      }),
      SOURCES,
      SAME_SIZE,
      null,
    );
    expect(graph.inputArgs).toEqual(['-t', '4.080000', '-i', '/m/a.mp4', '-loop', '1', '-framerate', '25', '-t', '1.280000', '-i', '/m/logo.png']);
    expect(graph.graph).toContain('color=c=black@0:s=1280x720:r=25,format=yuva420p,trim=end_frame=20');
    expect(graph.graph).toContain('pad=1280:720:(ow-iw)/2:(oh-ih)/2:color=black@0,setsar=1,format=yuva420p');
    expect(graph.graph).toContain('[layer0][layer1]overlay=eof_action=pass[stack0]');
    expectWellWired(graph.graph, ['[vout]', '[aout]']);
  });

  it('shows overlays on exactly their frames, and titles with the font found or fontconfig’s Sans', () => {
    const overlays = [
      { kind: 'image' as const, source: '/m/logo.png', start: 10, duration: 5, x: 0.9, y: 0.1, width: 0.15 },
      { kind: 'title' as const, text: 'Chapter 1', start: 0, duration: 25, x: 0.5, y: 0.8, size: 0.05, color: '#FFCC00' },
    ];
    const graph = buildRenderGraph(plan({ overlays }), SOURCES, SAME_SIZE, '/fonts/Dejà Vu.ttf');
    expect(graph.inputArgs).toEqual(['-i', '/m/logo.png']);
    expect(graph.graph).toContain('[0:v:0]scale=192:-2[image0]');
    expect(graph.graph).toContain("enable=\\'between(n\\,10\\,14)\\'");
    expect(graph.graph).toContain("drawtext=fontfile=\\'/fonts/Dejà Vu.ttf\\':text=\\'Chapter 1\\':expansion=none:fontsize=36:fontcolor=0xFFCC00");
    expect(graph.graph).toContain("enable=\\'between(n\\,0\\,24)\\'");
    expect(buildRenderGraph(plan({ overlays }), SOURCES, SAME_SIZE, null).graph).toContain('drawtext=font=Sans:');
    expectWellWired(graph.graph, ['[vout]', '[aout]']);
  });

  it('fits the finished frame into a preset of another size, then adds the encoder’s filters', () => {
    const graph = buildRenderGraph(plan({}), SOURCES, { video: { width: 1080, height: 1920, fit: 'crop', filterSuffix: 'format=nv12,hwupload' }, audio: false }, null);
    expect(graph.graph).toContain('[layer0]scale=1080:1920:force_original_aspect_ratio=increase,crop=1080:1920,setsar=1,format=nv12,hwupload[vout]');
    expect(graph.audioOut).toBeNull();
  });

  it('refuses a source without a picture on a video layer', () => {
    const music = plan({ video: [{ segments: [{ source: '/m/music.flac', sourceStart: 0, timelineStart: 0, duration: 10 }] }] });
    expect(() => buildRenderGraph(music, SOURCES, SAME_SIZE, null)).toThrow(/music\.flac has no picture/);
  });

  it('grows beyond a command line with many cuts, so it goes through a script file', () => {
    const parts = Array.from({ length: 60 }, (_, i): [number, number] => [((i * 37) % 50) * 200, 25]);
    const graph = buildRenderGraph(plan({ duration: 1500, video: [{ segments: cuts('/m/a.mp4', parts) }] }), SOURCES, SAME_SIZE, null);
    expect(graph.graph.length).toBeGreaterThan(INLINE_FILTER_LIMIT);
    expectWellWired(graph.graph, ['[vout]', '[aout]']);
  });
});
