import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FrameSampling, sampleSize } from '../../../shared/adapters/media/frameSampling.js';
import { KeyframeChangeReader } from '../../../shared/adapters/media/ffmpegLogParsers.js';

const request = { start: 30, end: 32, fps: 4, sourceWidth: 1920, sourceHeight: 1080, maxSide: 320 };

describe('frame sampling', () => {
  it('sizes samples by the longer side, even', () => {
    expect(sampleSize(1920, 1080, 320)).toEqual({ width: 320, height: 180 });
    expect(sampleSize(1080, 1920, 320)).toEqual({ width: 180, height: 320 });
    expect(sampleSize(1366, 768, 320)).toEqual({ width: 320, height: 180 });
  });

  it('seeks to the span and leaves out the scene branch when the build has no measure', () => {
    const sampling = new FrameSampling(request, undefined);
    expect(sampling.inputOptions()).toEqual(['-ss', '30.000', '-t', '2.000']);
    expect(sampling.graph()).toBe('[0:v:0]fps=fps=4:start_time=0,scale=320:180:flags=area,format=rgb24[frames]');
  });

  it('splits the raw file into timed frames and reads the cuts from the log', async () => {
    const sampling = new FrameSampling(request, { filters: 'scdet=threshold=100,metadata=mode=print', reader: (onFrame) => new KeyframeChangeReader(onFrame) });
    expect(sampling.graph()).toContain('nullsink');
    // A cut at 1.24 s (score 40), motion at 0.6 s (score 3), and a "cut" at the first frame, which means nothing.
    for (const [t, score] of [[0, 50], [0.6, 3], [1.24, 40]] as const) {
      sampling.consume(`[Parsed_metadata_3 @ 0x1] frame:1 pts:1 pts_time:${t}`);
      sampling.consume(`[Parsed_metadata_3 @ 0x1] lavfi.scd.mafd=${score}`);
      sampling.consume(`[Parsed_metadata_3 @ 0x1] lavfi.scd.score=${score}`);
    }
    const dir = await mkdtemp(path.join(os.tmpdir(), 'postshow-sampling-'));
    try {
      // Nine frames: the fps filter can emit one past the span's end, which is dropped.
      const raw = path.join(dir, 'frames.rgb');
      await writeFile(raw, Buffer.alloc(320 * 180 * 3 * 9, 7));
      const sampled = await sampling.read(raw);
      expect(sampled.frames.map((frame) => frame.t)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75]);
      expect(sampled.frames[3]?.data.length).toBe(320 * 180 * 3);
      expect(sampled.shotChanges).toEqual([1.24]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
