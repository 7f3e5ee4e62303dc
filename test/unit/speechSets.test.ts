import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadSharedSpeechSet,
  pairAudioWithReferences,
  parseSpeechSourceTrust,
  parseSphinxTranscription,
  parseTrustCell,
} from '../../scripts/asrEval/speechSets.js';
import { LIBRIVOX_DIR, missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const SPEECH_SOURCES = path.join(SHARED_DATA, 'SPEECH_SOURCES.md');

describe('parseSphinxTranscription', () => {
  it('reads `<s> text </s> (fileid)` lines by file id', () => {
    const references = parseSphinxTranscription(
      '<s> he was not an ill disposed young man </s> (austen-0880)\n' +
        'no markers  here (plain-id)\n' +
        '\n' +
        'a line without an id\n',
    );
    expect(references.get('austen-0880')).toBe('he was not an ill disposed young man');
    expect(references.get('plain-id')).toBe('no markers here');
    expect(references.size).toBe(2);
  });

  it.skipIf(missingTestData(path.join(LIBRIVOX_DIR, 'transcription')))('pairs every Debian LibriVox utterance with its reference', () => {
    const references = parseSphinxTranscription(readFileSync(path.join(LIBRIVOX_DIR, 'transcription'), 'utf8'));
    const wavs = readdirSync(LIBRIVOX_DIR).filter((file) => file.endsWith('.wav'));
    expect(wavs.length).toBeGreaterThan(0);
    for (const wav of wavs) expect(references.get(wav.replace(/\.wav$/, ''))).toMatch(/^[a-z' ]+$/);
  });
});

describe('parseTrustCell', () => {
  it('resolves mixed levels to the weaker one', () => {
    expect(parseTrustCell('A')).toBe('A');
    expect(parseTrustCell('A/B')).toBe('B');
    expect(parseTrustCell(' B/C ')).toBe('C');
    expect(parseTrustCell('unknown')).toBeUndefined();
  });
});

describe('parseSpeechSourceTrust', () => {
  const markdown = [
    '## Mandarin Chinese (`speech/zh/`): 2 files',
    '',
    '| file | repository | duration | trust |',
    '|---|---|---|---|',
    '| a.wav | x/y | 1 s | A |',
    '| kimi.wav (renamed from asr.wav) | x/z | 2 s | C |',
    '',
    '## English (`speech/en/`): 1 file',
    '| file | trust | note |',
    '|---|---|---|',
    '| a.wav | A/B | same name, other folder |',
    '',
    '## Video (`video/`)',
    '| file | trust |',
    '|---|---|',
    '| friday.mp4 | A |',
  ].join('\n');

  it('keys levels by speech folder and file, finding the trust column by its header', () => {
    const trust = parseSpeechSourceTrust(markdown);
    expect(trust.get('zh/a.wav')).toBe('A');
    expect(trust.get('zh/kimi.wav')).toBe('C');
    expect(trust.get('en/a.wav')).toBe('B');
    expect(trust.has('zh/asr.wav')).toBe(false);
    // Sections outside speech/<lang>/ are not speech samples.
    expect([...trust.keys()].some((key) => key.includes('friday'))).toBe(false);
  });

  describe.skipIf(missingTestData(SPEECH_SOURCES))('on the real ../shared data', () => {
    it('gives every shared speech recording a trust level', () => {
      const trust = parseSpeechSourceTrust(readFileSync(SPEECH_SOURCES, 'utf8'));
      for (const language of ['en', 'zh']) {
        const { pairs } = pairAudioWithReferences(readdirSync(path.join(SHARED_DATA, 'speech', language)));
        expect(pairs.length).toBeGreaterThan(0);
        for (const pair of pairs) expect(trust.get(`${language}/${pair.audio}`), pair.audio).toMatch(/^[ABC]$/);
      }
      expect(trust.get('en/arctic_a0024.wav')).toBe('C');
      expect(trust.get('en/lucier.mp3')).toBe('B');
    });

    it('loads shared-zh with one-line references and no notes', async () => {
      const set = await loadSharedSpeechSet(path.join(SHARED_DATA, 'speech'), 'zh', SPEECH_SOURCES);
      expect(set.name).toBe('shared-zh');
      expect(set.notes).toEqual([]);
      expect(set.samples.some((sample) => sample.id === 'chinese.flac')).toBe(true);
      for (const sample of set.samples) {
        expect(sample.reference).not.toMatch(/\n|\s{2}/);
        expect(sample.trust).toBeDefined();
      }
    });
  });
});

describe('pairAudioWithReferences', () => {
  it('pairs audio with name.txt and reports audio without one', () => {
    const { pairs, unpaired } = pairAudioWithReferences(['b.mp3', 'b.txt', 'a.wav', 'a.txt', 'c.flac', 'notes.md', 'd.txt']);
    expect(pairs).toEqual([
      { audio: 'a.wav', reference: 'a.txt' },
      { audio: 'b.mp3', reference: 'b.txt' },
    ]);
    expect(unpaired).toEqual(['c.flac']);
  });
});

describe('loadSharedSpeechSet', () => {
  it('returns an empty set with a note when the folder is missing', async () => {
    const set = await loadSharedSpeechSet('/nonexistent/speech', 'en', '/nonexistent/SPEECH_SOURCES.md');
    expect(set.samples).toEqual([]);
    expect(set.notes[0]).toContain('not found');
  });
});
