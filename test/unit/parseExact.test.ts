import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseExact } from '../../shared/core/schemas/parseExact.js';
import { highlightsFileSchema } from '../../shared/pipeline/artifacts.js';
import { segmentSchema } from '../../shared/core/schemas/transcript.js';

const highlight = {
  start: 10,
  end: 30,
  id: 'h1',
  rank: 1,
  score: 4.2,
  peak: 20,
  signals: [{ name: 'chatRate', value: 5, threshold: 3, at: 20, detail: 'chat rate 5x baseline' }],
  transcript: ['hello'],
  chat: ['wow'],
  products: [],
};
const highlightsFile = { runId: 'r1', rankedBy: 'detector', reasons: {}, highlights: [highlight] };

describe('parseExact', () => {
  it('accepts a value with exactly the schema’s fields and returns the parsed value', () => {
    // Act
    const result = parseExact(highlightsFileSchema, highlightsFile);

    // Assess
    expect(result).toEqual({ success: true, data: highlightsFile });
  });

  it('reports a field the schema does not know, however deep, by path (z.object would drop it on read)', () => {
    // Prepare
    const signal = { ...highlight.signals[0], weight: 2 };
    const value = { ...highlightsFile, highlights: [{ ...highlight, signals: [signal] }] };

    // Act
    const result = parseExact(highlightsFileSchema, value);

    // Assess
    expect(result).toEqual({ success: false, problems: ['highlights.0.signals.0.weight: not in the schema (reading it back would drop it)'] });
  });

  it('reports a field only a default would fill in as missing', () => {
    // Prepare
    const { rankedBy: _dropped, ...withoutRankedBy } = highlightsFile;

    // Act
    const result = parseExact(highlightsFileSchema, withoutRankedBy);

    // Assess
    expect(result).toEqual({ success: false, problems: ['rankedBy: missing (only a default fills it in)'] });
  });

  it('reports schema issues (a missing required field, a wrong type) by path', () => {
    // Act
    const result = parseExact(segmentSchema, { start: 'zero', text: 'hi' });

    // Assess
    expect(result.success).toBe(false);
    expect(!result.success && result.problems.map((problem) => problem.split(':')[0])).toEqual(['start', 'end']);
  });

  it('treats an undefined value as absent, as JSON does, and leaves record keys alone', () => {
    // Prepare
    const schema = z.object({ note: z.string().optional(), counts: z.record(z.string(), z.number()) });

    // Act
    const result = parseExact(schema, { note: undefined, counts: { 'invalid JSON': 3 } });

    // Assess
    expect(result.success).toBe(true);
  });
});
