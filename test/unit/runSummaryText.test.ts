/** The run summary names the speech engine the run really used and says why a show has no highlights. */
import { describe, expect, it } from 'vitest';
import { describeNoHighlights, speechUsed } from '../../cli/commands/runSummary.js';

const providers = { transcriber: 'pocketsphinx', languageModel: 'offline' };

describe('run summary text', () => {
  it('names the engine used, not the one configured', () => {
    expect(speechUsed({ transcriptEngine: 'captions', providers })).toBe('captions given (no speech recognition)');
    expect(speechUsed({ transcriptEngine: 'none', providers })).toBe("none (pocketsphinx cannot transcribe this show's language)");
    expect(speechUsed({ transcriptEngine: 'whisper-local', providers })).toBe('whisper-local');
    expect(speechUsed({ providers })).toBe('pocketsphinx (configured; the run made no transcript)');
  });

  it('explains an empty highlights list in numbers', () => {
    expect(describeNoHighlights({ kind: 'too-short', durationSeconds: 8.2, minClipSeconds: 15 })).toBe('the recording is 8.2 s long, shorter than the shortest clip (15 s; --min-clip)');
    expect(describeNoHighlights({ kind: 'below-floor', bestScore: 1.4, at: 75, floor: 3 })).toBe('the strongest moment (at 1:15) scored 1.4, under the 3 a clip needs');
    expect(describeNoHighlights({ kind: 'uncorroborated', bestScore: 4.1, at: 5, requiredSignals: 2 })).toMatch(/at 0:05, score 4\.1\) had fewer than 2 signals/);
  });
});
