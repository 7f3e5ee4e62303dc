import { describe, expect, it } from 'vitest';
import { readQuality } from '../../bench/x264Tradeoff.js';

describe('readQuality', () => {
  it("reads ffmpeg's SSIM and PSNR summary lines", () => {
    const stderr = [
      '[Parsed_ssim_9 @ 0x55d] SSIM Y:0.990811 (20.368136) U:0.995219 (23.204843) V:0.995470 (23.438936) All:0.992616 (21.316745)',
      '[Parsed_psnr_10 @ 0x55e] PSNR y:42.125212 u:47.011120 v:47.237905 average:43.316372 min:41.512001 max:45.120300',
    ].join('\n');
    expect(readQuality(stderr)).toEqual({ ssim: 0.992616, psnrDb: 43.316372 });
    expect(readQuality(stderr.replace('average:43.316372', 'average:inf')).psnrDb).toBe(Infinity);
  });

  it('says so when the summary is missing', () => {
    expect(() => readQuality('Conversion failed!')).toThrow(/no SSIM\/PSNR/);
  });
});
