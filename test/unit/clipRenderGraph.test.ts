import { describe, expect, it } from 'vitest';
import { buildClipGraph, type ClipGraphInput, type GraphVariant } from '../../shared/adapters/media/clipRenderGraph.js';
import { clipRenderArgs, planClipRender, SPLICE_CRF, type ClipRenderSettings } from '../../shared/adapters/media/clipRenderPlan.js';
import { planSmartCut } from '../../shared/core/clips/smartCut.js';
import { boundTrack, cropTrackExpressions, piecewiseLinear } from '../../shared/adapters/media/cropTrackExpression.js';
import { NOMINAL_VARIANT_SIZES, cropWindow, variantFit, variantSize } from '../../shared/core/clips/variantSize.js';
import { DEFAULT_CAPTION_FONT } from '../../shared/core/captions/captionStyle.js';
import { MediaError } from '../../shared/core/errors.js';
import type { RenderClipRequest } from '../../shared/pipeline/ports.js';

const source = { width: 1920, height: 1080 };
const vertical: GraphVariant = { size: { width: 1080, height: 1920 }, fit: { mode: 'blur' } };
const base: ClipGraphInput = { spans: [{ start: 0, end: 30 }], source, variants: [vertical], thumbnail: { variant: 0, at: 5 }, fontsDir: '/fonts' };

/** The graph's chains, one per line, for readable expectations. */
const chains = (input: ClipGraphInput): string[] => buildClipGraph(input).filterComplex.split(';');

describe('buildClipGraph', () => {
  it('renders one variant: one trim per stream, the blurred fill, the thumbnail branch', () => {
    expect(chains(base)).toEqual([
      '[0:a:0]atrim=start=0:end=30,asetpts=PTS-0/TB[clipa]',
      '[clipa]asplit=1[aout0]',
      "[0:v:0]select='gte(t,0)*lt(t,30)',setpts='PTS-(0)/TB',split=1[src0]",
      '[src0]split=2[bgsrc0][fgsrc0]',
      '[bgsrc0]scale=270:480:force_original_aspect_ratio=increase,crop=270:480,boxblur=10:2,scale=1080:1920[bg0]',
      '[fgsrc0]scale=1080:608[fg0]',
      '[bg0][fg0]overlay=(W-w)/2:(H-h)/2[fit0]',
      '[fit0]setsar=1,split=2[vout0][thumbsrc]',
      "[thumbsrc]select='gte(t,5)',trim=end_frame=1[thumb]",
    ]);
  });

  it('renders three variants from one decode, each with its own captions', () => {
    const graph = buildClipGraph({
      ...base,
      variants: [
        { ...vertical, captionsPath: '/tmp/c/9x16.ass' },
        { size: { width: 1080, height: 1080 }, fit: { mode: 'center' }, captionsPath: '/tmp/c/1x1.ass' },
        { size: { width: 1920, height: 1080 }, fit: { mode: 'none' } },
      ],
      thumbnail: { variant: 1, at: 2 },
    });
    const lines = graph.filterComplex.split(';');
    // The source is read by exactly one video and one audio chain, then split.
    expect(lines.filter((line) => line.includes('[0:v:0]'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('[0:a:0]'))).toHaveLength(1);
    expect(lines).toContain('[clipa]asplit=3[aout0][aout1][aout2]');
    expect(lines.find((line) => line.startsWith('[0:v:0]'))).toMatch(/split=3\[src0\]\[src1\]\[src2\]$/);
    expect(lines).toContain("[fit0]setsar=1,subtitles=filename='/tmp/c/9x16.ass':fontsdir='/fonts',null[vout0]");
    expect(lines).toContain('[src1]crop=1080:1080,scale=1080:1080[fit1]');
    expect(lines).toContain("[fit1]setsar=1,subtitles=filename='/tmp/c/1x1.ass':fontsdir='/fonts',split=2[vout1][thumbsrc]");
    expect(lines).toContain('[src2]scale=1920:1080[fit2]');
    expect(lines).toContain('[fit2]setsar=1,null[vout2]');
    expect(graph.outputs).toEqual([
      { video: ['[vout0]'], audio: '[aout0]' },
      { video: ['[vout1]'], audio: '[aout1]' },
      { video: ['[vout2]'], audio: '[aout2]' },
    ]);
  });

  it('applies a trimmed timeline: frames kept per span and moved back by the time removed before them, audio trimmed per span and concatenated', () => {
    const lines = chains({ ...base, spans: [{ start: 0.5, end: 3 }, { start: 4, end: 6.25 }, { start: 9, end: 10 }] });
    expect(lines.slice(0, 6)).toEqual([
      '[0:a:0]asplit=3[ap0][ap1][ap2]',
      '[ap0]atrim=start=0.5:end=3,asetpts=PTS-0.5/TB[at0]',
      '[ap1]atrim=start=4:end=6.25,asetpts=PTS-4/TB[at1]',
      '[ap2]atrim=start=9:end=10,asetpts=PTS-9/TB[at2]',
      '[at0][at1][at2]concat=n=3:v=0:a=1[clipa]',
      '[clipa]asplit=1[aout0]',
    ]);
    expect(lines[6]).toBe(
      "[0:v:0]select='gte(t,0.5)*lt(t,3)+gte(t,4)*lt(t,6.25)+gte(t,9)*lt(t,10)',setpts='PTS-(0.5+gte(T,4)*1+gte(T,9)*2.75)/TB',split=1[src0]",
    );
  });

  it('gives an audio-only source a plain background per variant, captions on it, and no video input', () => {
    const lines = chains({
      ...base,
      source: undefined,
      variants: [
        { size: { width: 1080, height: 1920 }, fit: { mode: 'none' }, captionsPath: '/c.ass' },
        { size: { width: 1080, height: 1080 }, fit: { mode: 'none' } },
      ],
    });
    expect(lines.some((line) => line.includes('[0:v:0]'))).toBe(false);
    expect(lines).toContain("color=c=0x1d2233:s=1080x1920:r=25:d=30,setsar=1,subtitles=filename='/c.ass':fontsdir='/fonts',split=2[vout0][thumbsrc]");
    expect(lines).toContain('color=c=0x1d2233:s=1080x1080:r=25:d=30,setsar=1,null[vout1]');
  });

  it('moves a subject crop along the track', () => {
    const lines = chains({
      ...base,
      variants: [{ size: { width: 1080, height: 1920 }, fit: { mode: 'subject', track: [{ t: 0, cx: 0.25, cy: 0.5 }, { t: 10, cx: 0.75, cy: 0.5 }] } }],
    });
    // 1920x1080 -> a 608x1080 window; x from 0.25*1920-304 = 176 to 0.75*1920-304 = 1136.
    expect(lines).toContain(
      "[src0]crop=w=608:h=1080:x='clip(lt(t,0)*176+gte(t,0)*lt(t,10)*(176+96*(t-0))+gte(t,10)*1136,0,1312)':y='0',scale=1080:1920[fit0]",
    );
  });

  it('keeps the thumbnail inside the clip', () => {
    expect(chains({ ...base, thumbnail: { variant: 0, at: 99 } }).at(-1)).toBe("[thumbsrc]select='gte(t,29.9)',trim=end_frame=1[thumb]");
  });

  it('refuses what cannot be rendered, as permanent media errors', () => {
    const bad: ClipGraphInput[] = [
      { ...base, spans: [] },
      { ...base, spans: [{ start: 2, end: 1 }] },
      { ...base, spans: [{ start: 0, end: 2 }, { start: 1, end: 3 }] },
      { ...base, variants: [] },
      { ...base, thumbnail: { variant: 1, at: 0 } },
      { ...base, variants: [{ ...vertical, captionsPath: "/tmp/it's.ass" }] },
    ];
    for (const input of bad) {
      expect(() => buildClipGraph(input)).toThrow(MediaError);
    }
  });
});

describe('subject track expressions', () => {
  it('is constant before the first point and after the last', () => {
    expect(piecewiseLinear([{ t: 1, v: 10 }])).toBe('10');
    expect(piecewiseLinear([])).toBe('0');
  });

  it('follows the subject at its own speed and holds the window inside the frame', () => {
    // The subject runs past the right edge: the window moves at the subject's speed until it meets the edge.
    const { x, y } = cropTrackExpressions([{ t: 0, cx: 0.5, cy: 0.5 }, { t: 2, cx: 1.2, cy: 0.5 }], source, { width: 608, height: 1080 });
    expect(x).toBe('clip(lt(t,0)*656+gte(t,0)*lt(t,2)*(656+672*(t-0))+gte(t,2)*2000,0,1312)');
    expect(y).toBe('0');
  });

  it('steps where two keypoints share a time (a subject that jumps at a trim cut)', () => {
    expect(piecewiseLinear([{ t: 0, v: 0 }, { t: 0.8, v: 8 }, { t: 0.8001, v: 20 }, { t: 2, v: 32 }])).toBe(
      'lt(t,0)*0+gte(t,0)*lt(t,0.8)*(0+10*(t-0))+gte(t,0.8)*lt(t,2)*(20+10*(t-0.8))+gte(t,2)*32',
    );
  });

  it('stays bounded for a minute-long track at 30 points per second', () => {
    const track = Array.from({ length: 1800 }, (_, i) => ({ t: i / 30, cx: 0.5 + 0.3 * Math.sin(i / 100), cy: 0.5 }));
    const bounded = boundTrack(track);
    expect(bounded).toHaveLength(48);
    expect(bounded[0]).toBe(track[0]);
    expect(bounded.at(-1)).toBe(track.at(-1));
    expect(cropTrackExpressions(track, source, { width: 608, height: 1080 }).x.length).toBeLessThan(4000);
  });
});

describe('variant sizes', () => {
  it('renders nominal sizes from a 1080p landscape source', () => {
    expect(variantSize(NOMINAL_VARIANT_SIZES['9:16'], source, 'subject')).toEqual({ width: 1080, height: 1920 });
    expect(variantSize(NOMINAL_VARIANT_SIZES['9:16'], source, 'blur')).toEqual({ width: 1080, height: 1920 });
    expect(variantSize(NOMINAL_VARIANT_SIZES['16:9'], source, 'none')).toEqual({ width: 1920, height: 1080 });
  });

  it('keeps the source height for a same-shape variant of a smaller source, and crops enlarge at most 2x', () => {
    const small = { width: 1280, height: 720 };
    expect(variantSize(NOMINAL_VARIANT_SIZES['16:9'], small, 'none')).toEqual({ width: 1280, height: 720 });
    // A 9:16 crop of 720p at 1080x1920 would enlarge 2.67x: 1440 tall is 2x.
    expect(variantSize(NOMINAL_VARIANT_SIZES['9:16'], small, 'center')).toEqual({ width: 810, height: 1440 });
    expect(variantSize(NOMINAL_VARIANT_SIZES['1:1'], small, 'center')).toEqual({ width: 1080, height: 1080 });
  });

  it('scales only when the source already has the shape, and crops the largest window of the shape', () => {
    expect(variantFit('16:9', source, 'subject')).toBe('none');
    expect(variantFit('9:16', source, 'subject')).toBe('subject');
    expect(variantFit('9:16', undefined, 'blur')).toBe('none');
    expect(cropWindow(source, { width: 1080, height: 1350 })).toEqual({ width: 864, height: 1080 });
    expect(cropWindow({ width: 1080, height: 1920 }, { width: 1920, height: 1080 })).toEqual({ width: 1080, height: 608 });
  });
});

describe('planClipRender', () => {
  const settings: ClipRenderSettings = { x264Preset: 'veryfast', crf: 23, fontsDir: '/fonts', captionFont: DEFAULT_CAPTION_FONT, variantSizes: NOMINAL_VARIANT_SIZES };
  const request: RenderClipRequest = {
    source: '/in/show.mp4',
    timeline: [{ start: 100, end: 110 }, { start: 112, end: 130 }],
    sourceVideo: source,
    variants: [
      { aspect: '9:16', outPath: '/out/9x16.mp4', reframe: { mode: 'blur' } },
      { aspect: '16:9', outPath: '/out/16x9.mp4', reframe: { mode: 'center' } },
    ],
    thumbnail: { path: '/out/frame.png', at: 4 },
  };

  it('seeks to the first kept second and reads only to the last, with spans relative to the seek', () => {
    const plan = planClipRender(request, settings);
    expect(plan.inputOptions).toEqual(['-ss', '100.000', '-t', '30.500']);
    expect(plan.filterComplex).toContain('[ap1]atrim=start=12:end=30');
    expect(plan.duration).toBe(28);
    expect(plan.variants).toEqual([
      { aspect: '9:16', width: 1080, height: 1920, reframe: 'blur', path: '/out/9x16.mp4', captionsAs: 'burned' },
      { aspect: '16:9', width: 1920, height: 1080, reframe: 'none', path: '/out/16x9.mp4', captionsAs: 'burned' },
    ]);
  });

  it('is one ffmpeg command line: an H.264/AAC faststart mp4 per variant and one PNG frame', () => {
    const args = clipRenderArgs(planClipRender(request, settings));
    expect(args.filter((arg) => arg === '-i')).toHaveLength(1);
    expect(args.filter((arg) => arg === '+faststart')).toHaveLength(2);
    const tail = args.slice(args.indexOf('-filter_complex') + 2);
    expect(tail.slice(0, 4)).toEqual(['-map', '[vout0]', '-map', '[aout0]']);
    expect(tail.slice(-7)).toEqual(['-map', '[thumb]', '-frames:v', '1', '-update', '1', '/out/frame.png']);
  });

  it("burns captions with the style's own font, unless the deployment ships another one (Lambda's layer)", () => {
    const captioned: RenderClipRequest = { ...request, variants: [{ ...request.variants[0]!, captionsPath: '/out/captions-9x16.ass' }] };
    expect(planClipRender(captioned, settings).filterComplex).toContain("subtitles=filename='/out/captions-9x16.ass':fontsdir='/fonts',");
    expect(planClipRender(captioned, settings).filterComplex).not.toContain('force_style');
    const lambda = planClipRender(captioned, { ...settings, captionFont: 'Noto Sans SC' }).filterComplex;
    expect(lambda).toContain(":fontsdir='/fonts':force_style='FontName=Noto Sans SC',");
  });

  it('refuses a repeated aspect and a thumbnail from a variant that is not rendered', () => {
    expect(() => planClipRender({ ...request, variants: [request.variants[0]!, request.variants[0]!] }, settings)).toThrow(/twice/);
    expect(() => planClipRender({ ...request, thumbnail: { path: '/f.png', at: 0, from: '1:1' } }, settings)).toThrow(/not rendered/);
    expect(() => planClipRender({ ...request, timeline: [] }, settings)).toThrow(MediaError);
    expect(() => planClipRender({ ...request, variants: [] }, settings)).toThrow(/at least one variant/);
  });
});

describe('planClipRender with a smart-cut master', () => {
  const settings: ClipRenderSettings = { x264Preset: 'veryfast', crf: 20, fontsDir: '/fonts', captionFont: DEFAULT_CAPTION_FONT, variantSizes: NOMINAL_VARIANT_SIZES };
  const f = 1 / 25;
  // 25 fps, a keyframe every 2 s, one B-frame of reordering.
  const packets = Array.from({ length: 30 * 25 }, (_, i) => ({ pts: i * f, dts: (i - 1) * f, key: i % 50 === 0 }));
  const request: RenderClipRequest = {
    source: "/in/it's show.mp4",
    timeline: [{ start: 3, end: 13 }],
    sourceVideo: { width: 1920, height: 1080 },
    variants: [
      { aspect: '9:16', outPath: '/out/9x16.mp4', reframe: { mode: 'blur' }, captionsPath: '/out/c9.ass' },
      { aspect: '16:9', outPath: '/out/16x9.mp4', reframe: { mode: 'blur' }, captionsPath: '/out/c16.ass', captionsAs: 'track' },
    ],
    thumbnail: { path: '/out/frame.png', at: 4 },
  };
  const plan = planClipRender(request, settings, new Map([['16:9', planSmartCut(request.timeline, packets)]]));

  it('encodes only the partial GOPs of the master, half a frame clear of the copied keyframes, reordering as the recording does', () => {
    // Copy [4, 12); pieces [0, 1) and [9, 10) of the clip.
    expect(plan.filterComplex).toContain(`[cut1_0]trim=start=0:end=${0.98},setpts=PTS-STARTPTS[piece1_0]`);
    expect(plan.filterComplex).toContain(`[cut1_1]trim=start=${8.98}:end=${10.02},setpts=PTS-STARTPTS[piece1_1]`);
    // No captions burned into the master; the vertical keeps its own.
    expect(plan.filterComplex).not.toContain('c16.ass');
    expect(plan.filterComplex).toContain("subtitles=filename='/out/c9.ass'");
    const piece = plan.outputs.find((output) => output.path === '/out/16x9.piece0.mp4')!;
    expect(piece.options).toEqual(['-map', '[piece1_0]', '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(SPLICE_CRF), '-pix_fmt', 'yuv420p', '-bf', '2', '-x264-params', 'b-pyramid=none', '-threads', '2']);
    expect(plan.outputs.find((output) => output.path === '/out/16x9.audio.m4a')?.options).toEqual(['-map', '[aout1]', '-vn', '-c:a', 'aac', '-b:a', '128k']);
    expect(plan.variants[1]).toMatchObject({ captionsAs: 'track', copiedSeconds: 8, encodedSeconds: 2 });
  });

  it('copies whole GOPs from their keyframe and joins every part with its duration, the captions as a track', () => {
    const [assembly] = plan.assemblies;
    expect(assembly!.copies).toEqual([["-y", '-ss', '4.000000', '-i', "/in/it's show.mp4", '-map', '0:v:0', '-an', '-sn', '-dn', '-c', 'copy', '-frames:v', '200', '/out/16x9.copy0.mp4']]);
    expect(assembly!.list).toBe(
      [
        'ffconcat version 1.0',
        "file '/out/16x9.piece0.mp4'", 'duration 1.000000',
        "file '/out/16x9.copy0.mp4'", 'duration 8.000000',
        "file '/out/16x9.piece1.mp4'", 'duration 1.000000',
        '',
      ].join('\n'),
    );
    expect(assembly!.join).toEqual([
      '-y', '-f', 'concat', '-safe', '0', '-i', '/out/16x9.concat.txt', '-i', '/out/16x9.audio.m4a', '-i', '/out/c16.ass',
      '-map', '0:v:0', '-map', '1:a:0', '-map', '2:s:0', '-c:s', 'mov_text', '-c:v', 'copy', '-c:a', 'copy', '-movflags', '+faststart', '/out/16x9.mp4',
    ]);
    expect(assembly!.temporaryFiles).toEqual(['/out/16x9.piece0.mp4', '/out/16x9.copy0.mp4', '/out/16x9.piece1.mp4', '/out/16x9.audio.m4a', '/out/16x9.concat.txt']);
  });

  it("quotes a path with a quote in it as the concat demuxer reads it", () => {
    const quoted = planClipRender({ ...request, variants: [{ ...request.variants[1]!, outPath: "/out/it's/16x9.mp4" }], thumbnail: { path: '/out/f.png', at: 1 } }, settings, new Map([['16:9', planSmartCut(request.timeline, packets)]]));
    expect(quoted.assemblies[0]!.list).toContain("file '/out/it'\\''s/16x9.piece0.mp4'");
  });

  it('refuses to smart-cut a variant that is not the recording\'s own picture', () => {
    const scaled = { ...request, sourceVideo: { width: 3840, height: 2160 } };
    expect(() => planClipRender(scaled, settings, new Map([['16:9', planSmartCut(request.timeline, packets)]]))).toThrow(/cannot be smart-cut/);
  });
});
