import { describe, expect, it } from 'vitest';
import { ffmpegMediaDefaults } from '../../shared/adapters/media/ffmpegMedia.js';
import { bundledFfprobe } from '../../shared/adapters/media/bundledFfprobe.js';
import { providerSettingsFromEnv } from '../../shared/adapters/providerSelection.js';
import { isPermanent } from '../../shared/core/errors.js';
import { ENV_SETTINGS, envSettingMeta, readEnvSettings, type EnvSettingName } from '../../shared/core/settings/envSettings.js';

describe('environment settings registry', () => {
  it('gives every variable help text', () => {
    for (const name of Object.keys(ENV_SETTINGS) as EnvSettingName[]) expect(envSettingMeta(name).help.length).toBeGreaterThan(0);
  });

  it('fills defaults and treats empty values as unset', () => {
    expect(readEnvSettings({ POSTSHOW_LOG_LEVEL: ' ', POSTSHOW_OPENAI_MAX_RETRIES: '' }, ['POSTSHOW_LOG_LEVEL', 'POSTSHOW_OPENAI_MAX_RETRIES', 'POSTSHOW_WHISPER_MODEL'])).toEqual({
      POSTSHOW_LOG_LEVEL: 'info',
      POSTSHOW_OPENAI_MAX_RETRIES: 4,
    });
  });

  it('rejects a bad value permanently, naming the variable and its flag but not the value', () => {
    const attempt = () => readEnvSettings({ POSTSHOW_LOG_LEVEL: 'loud', POSTSHOW_LLM: 'sekrit-model' }, ['POSTSHOW_LOG_LEVEL', 'POSTSHOW_LLM']);
    expect(attempt).toThrow(/POSTSHOW_LOG_LEVEL: .*; POSTSHOW_LLM \/ --llm: /);
    expect(attempt).not.toThrow(/sekrit/);
    try {
      attempt();
    } catch (error) {
      expect(isPermanent(error)).toBe(true);
    }
  });

  it('is what the adapters read', () => {
    expect(() => ffmpegMediaDefaults({ POSTSHOW_X264_PRESET: 'warp' })).toThrow(/POSTSHOW_X264_PRESET/);
    expect(ffmpegMediaDefaults({}).renderSlots).toBe(1);
    expect(ffmpegMediaDefaults({ POSTSHOW_RENDER_SLOTS: '2' }).renderSlots).toBe(2);
    expect(() => ffmpegMediaDefaults({ POSTSHOW_RENDER_SLOTS: '0' })).toThrow(/POSTSHOW_RENDER_SLOTS/);
    expect(ffmpegMediaDefaults({ POSTSHOW_X264_PRESET: 'ultrafast', FFMPEG_PATH: '/opt/bin/ffmpeg' })).toMatchObject({ x264Preset: 'ultrafast', ffmpegPath: '/opt/bin/ffmpeg', ffprobePath: bundledFfprobe() ?? 'ffprobe' });
    expect(ffmpegMediaDefaults({ FFPROBE_PATH: '/opt/bin/ffprobe' }).ffprobePath).toBe('/opt/bin/ffprobe');
    expect(providerSettingsFromEnv({ POSTSHOW_LLM: 'offline' }, { transcriber: 'captions' })).toEqual({ transcriber: 'captions', languageModel: 'offline' });
    expect(() => providerSettingsFromEnv({}, { transcriber: 'telepathy' })).toThrow(/POSTSHOW_TRANSCRIBER \/ --transcriber/);
  });
});
