import { describe, expect, it } from 'vitest';
import { planChunks } from '../../shared/core/transcript/chunkPlan.js';

describe('planChunks', () => {
  it('covers the recording without gaps, with overlap on both sides', () => {
    const plan = planChunks(650, [], { chunkSeconds: 120, overlapSeconds: 3 });
    expect(plan[0]).toMatchObject({ index: 0, start: 0, extractStart: 0, end: 120, extractEnd: 123 });
    for (let i = 1; i < plan.length; i++) {
      expect(plan[i]?.start).toBe(plan[i - 1]?.end);
      expect(plan[i]?.extractStart).toBe((plan[i]?.start ?? 0) - 3);
    }
    expect(plan.at(-1)?.end).toBe(650);
    expect(plan.at(-1)?.extractEnd).toBe(650);
  });

  it('moves a boundary into a nearby silence, preferring the longest', () => {
    const plan = planChunks(300, [{ start: 112, end: 113 }, { start: 126, end: 129 }, { start: 200, end: 230 }], { chunkSeconds: 120 });
    expect(plan[1]?.start).toBe(127.5);
    expect(plan[2]?.start).toBe(240);
  });

  it('does not leave a sliver of a chunk at the end', () => {
    const plan = planChunks(245, [], { chunkSeconds: 120 });
    expect(plan.map((chunk) => chunk.end)).toEqual([120, 245]);
  });

  it('plans nothing for an empty recording', () => {
    expect(planChunks(0, [], { chunkSeconds: 120 })).toEqual([]);
  });
});
