import { describe, expect, it } from 'vitest';
import { planSmartCut, type VideoPacket } from '../../shared/core/clips/smartCut.js';

/**
 * Packets of a 30 fps recording with a keyframe every `gop` frames, as x264 with B-frames writes them:
 * decode order is presentation order moved `reorder` frames earlier.
 */
function recording(seconds: number, { fps = 30, gop = 60, reorder = 2 } = {}): VideoPacket[] {
  const f = 1 / fps;
  return Array.from({ length: Math.round(seconds * fps) }, (_, i) => ({ pts: i * f, dts: (i - reorder) * f, key: i % gop === 0 }));
}

describe('planSmartCut', () => {
  it('copies the whole GOPs inside the span and re-encodes the partial ones at its ends', () => {
    const plan = planSmartCut([{ start: 4.3, end: 16.7 }], recording(30));
    expect(plan.reorderFrames).toBe(2);
    expect(plan.frameSeconds).toBeCloseTo(1 / 30, 6);
    expect(plan.segments).toHaveLength(3);
    const [head, copy, tail] = plan.segments;
    expect(head).toMatchObject({ kind: 'encode', clipStart: 0 });
    expect(head!.clipEnd).toBeCloseTo(1.7, 6);
    expect(copy).toMatchObject({ kind: 'copy', packets: 300 });
    expect(copy?.kind === 'copy' && copy.sourceStart).toBeCloseTo(6, 6);
    expect(copy?.kind === 'copy' && copy.sourceEnd).toBeCloseTo(16, 6);
    expect(tail!.clipStart).toBeCloseTo(11.7, 6);
    expect(tail!.clipEnd).toBeCloseTo(12.4, 6);
    expect(plan.copiedSeconds).toBeCloseTo(10, 6);
    expect(plan.encodedSeconds).toBeCloseTo(2.4, 6);
  });

  it('needs no encoded head or tail when the span starts and ends on keyframes', () => {
    const plan = planSmartCut([{ start: 2, end: 8 }], recording(10));
    expect(plan.segments).toEqual([expect.objectContaining({ kind: 'copy', clipStart: 0, packets: 180 })]);
    expect(plan.encodedSeconds).toBeCloseTo(0, 6);
  });

  it('merges the tail of one kept span and the head of the next into one encoded piece', () => {
    const plan = planSmartCut(
      [
        { start: 1.5, end: 7.5 },
        { start: 9.5, end: 15.5 },
      ],
      recording(20),
    );
    expect(plan.segments.map((segment) => segment.kind)).toEqual(['encode', 'copy', 'encode', 'copy', 'encode']);
    const middle = plan.segments[2]!;
    // 1.5 s of span one after its last keyframe (6) plus 0.5 s of span two before its first (10).
    expect(middle.clipStart).toBeCloseTo(4.5, 6);
    expect(middle.clipEnd).toBeCloseTo(6.5, 6);
    // Back to back from 0 to the clip's length.
    plan.segments.forEach((segment, i) => expect(segment.clipStart).toBeCloseTo(i === 0 ? 0 : plan.segments[i - 1]!.clipEnd, 6));
    expect(plan.segments.at(-1)!.clipEnd).toBeCloseTo(12, 6);
  });

  it('re-encodes everything when a copy would be shorter than the minimum, or nothing can be copied', () => {
    expect(planSmartCut([{ start: 1.5, end: 4.5 }], recording(10), { minCopySeconds: 3 }).segments).toEqual([{ kind: 'encode', clipStart: 0, clipEnd: 3 }]);
    expect(planSmartCut([{ start: 0.5, end: 1.5 }], recording(10)).segments).toEqual([{ kind: 'encode', clipStart: 0, clipEnd: 1 }]);
    expect(planSmartCut([{ start: 0, end: 5 }], []).segments).toEqual([{ kind: 'encode', clipStart: 0, clipEnd: 5 }]);
  });

  it('matches recordings without B-frames and with one, and refuses deeper reordering x264 cannot match', () => {
    expect(planSmartCut([{ start: 1, end: 9 }], recording(10, { reorder: 0 })).reorderFrames).toBe(0);
    expect(planSmartCut([{ start: 1, end: 9 }], recording(10, { reorder: 1 })).segments.some((s) => s.kind === 'copy')).toBe(true);
    const deep = planSmartCut([{ start: 1, end: 9 }], recording(10, { reorder: 4 }));
    expect(deep.segments).toEqual([{ kind: 'encode', clipStart: 0, clipEnd: 8 }]);
  });

  it('does not copy open GOPs, whose packets in decode order are not the frames they show', () => {
    const packets = recording(10, { reorder: 0 });
    // The copy would end at the keyframe at 8 s, which is decoded before a frame shown just ahead of it (a leading B-frame).
    const open = packets.map((packet) => (Math.abs(packet.pts - (8 - 1 / 30)) < 1e-6 ? { ...packet, dts: 8 + 0.5 / 30 } : packet));
    expect(planSmartCut([{ start: 1, end: 9 }], open).copiedSeconds).toBe(0);
  });
});
