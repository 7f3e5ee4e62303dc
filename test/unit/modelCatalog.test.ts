import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WHISPER_MODEL,
  findWhisperModel,
  modelFileName,
  modelUrl,
  WHISPER_MODEL_BASE_URL,
  WHISPER_MODELS,
} from '../../shared/adapters/models/modelCatalog.js';
import { defaultModelDir, resolveWhisperModelPath, WHISPER_MODEL_ENV } from '../../shared/adapters/models/modelPaths.js';

describe('whisper model catalog', () => {
  it('lists the official models the engine is documented with', () => {
    const names = WHISPER_MODELS.map((entry) => entry.name);
    for (const name of ['tiny', 'tiny.en', 'base', 'base.en', 'small', 'small.en', 'medium', 'large-v3-turbo']) expect(names).toContain(name);
    expect(new Set(names).size).toBe(names.length);
    expect(findWhisperModel(DEFAULT_WHISPER_MODEL)?.multilingual).toBe(true);
  });

  it('carries a distinct 40-hex SHA-1 and a plausible size for every model', () => {
    for (const entry of WHISPER_MODELS) {
      expect(entry.sha1).toMatch(/^[0-9a-f]{40}$/);
      expect(entry.sizeMiB).toBeGreaterThan(50);
    }
    expect(new Set(WHISPER_MODELS.map((entry) => entry.sha1)).size).toBe(WHISPER_MODELS.length);
    // The published SHA-1 of ggml-base.bin (whisper.cpp models/README.md).
    expect(findWhisperModel('base')?.sha1).toBe('465707469ff3a37a2b9b8d8f89f2f99de7299dac');
  });

  it('marks the .en models English-only and names files as upstream does', () => {
    expect(findWhisperModel('small.en')).toMatchObject({ multilingual: false, file: 'ggml-small.en.bin' });
    expect(findWhisperModel('large-v3-turbo')).toMatchObject({ multilingual: true, file: 'ggml-large-v3-turbo.bin' });
    expect(findWhisperModel('huge')).toBeUndefined();
    expect(modelFileName('tiny')).toBe('ggml-tiny.bin');
  });

  it('builds download URLs from the official server or a mirror', () => {
    const tiny = findWhisperModel('tiny')!;
    expect(modelUrl(tiny)).toBe(`${WHISPER_MODEL_BASE_URL}/ggml-tiny.bin`);
    expect(modelUrl(tiny, 'http://127.0.0.1:8080/models//')).toBe('http://127.0.0.1:8080/models/ggml-tiny.bin');
  });
});

describe('resolveWhisperModelPath', () => {
  const home = '/home/ann';

  it('defaults to the default model in ~/.cache/postshow/models', () => {
    expect(defaultModelDir(home)).toBe('/home/ann/.cache/postshow/models');
    expect(resolveWhisperModelPath({ env: {}, home })).toBe(join(defaultModelDir(home), `ggml-${DEFAULT_WHISPER_MODEL}.bin`));
    expect(resolveWhisperModelPath({ env: { [WHISPER_MODEL_ENV]: '  ' }, home })).toBe(join(defaultModelDir(home), `ggml-${DEFAULT_WHISPER_MODEL}.bin`));
  });

  it('reads a catalog name from the environment and looks it up in the model directory', () => {
    expect(resolveWhisperModelPath({ env: { [WHISPER_MODEL_ENV]: 'small.en' }, home })).toBe('/home/ann/.cache/postshow/models/ggml-small.en.bin');
    expect(resolveWhisperModelPath({ env: { [WHISPER_MODEL_ENV]: 'small' }, home, dir: '/models' })).toBe('/models/ggml-small.bin');
  });

  it('takes any other value as a file path', () => {
    expect(resolveWhisperModelPath({ env: { [WHISPER_MODEL_ENV]: '/opt/m/ggml-custom.bin' }, home })).toBe('/opt/m/ggml-custom.bin');
    expect(resolveWhisperModelPath({ env: { [WHISPER_MODEL_ENV]: '~/m/ggml-x.bin' }, home })).toBe('/home/ann/m/ggml-x.bin');
    expect(resolveWhisperModelPath({ env: { [WHISPER_MODEL_ENV]: 'models/ggml-x.bin' }, home })).toBe(resolve('models/ggml-x.bin'));
  });
});
