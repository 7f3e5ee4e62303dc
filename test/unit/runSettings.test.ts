import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitShow } from '../../shared/adapters/local/submitShow.js';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { resolveHighlightConfig } from '../../shared/core/highlights/index.js';
import {
  manifestOptionsSchema,
  RUN_SETTINGS,
  runSettingMeta,
  runSettingsSchema,
  type RunSettingName,
} from '../../shared/core/settings/runSettings.js';
import { settingHelp } from '../../shared/core/settings/settingSchemas.js';
import { parseJobOptions } from '../../shared/pipeline/manifest.js';

const names = Object.keys(RUN_SETTINGS) as RunSettingName[];

describe('run settings registry', () => {
  it('gives every setting help text and a distinct flag', () => {
    for (const name of names) expect(runSettingMeta(name).help.length).toBeGreaterThan(0);
    const flags = names.flatMap((name) => runSettingMeta(name).flag ?? []);
    expect(new Set(flags).size).toBe(flags.length);
  });

  it('fills every default from the schemas', () => {
    expect(runSettingsSchema.parse({})).toMatchObject({ language: 'auto', minClipSeconds: 15, maxClipSeconds: 45, chunkSeconds: 120 });
    // No clip count: the detector's automatic budget decides.
    expect(runSettingsSchema.parse({})).not.toHaveProperty('maxClips');
  });

  it('reads help text with range and default from the schema', () => {
    expect(settingHelp(RUN_SETTINGS.minClipSeconds, runSettingMeta('minClipSeconds'))).toBe('shortest clip (3-600 s; default: 15 s)');
    expect(settingHelp(RUN_SETTINGS.chatLagSeconds, runSettingMeta('chatLagSeconds'))).toMatch(/\(0-60 s; default: measured, else 4 s\)$/);
  });

  it('carries into the manifest every setting but those ingest consumes', () => {
    const options = manifestOptionsSchema.parse(parseJobOptions({ language: 'zh', chatStart: '2019-04-30T08:57:00', chatLagSeconds: 2 }));
    expect(options).toMatchObject({ minClipSeconds: 15, maxClipSeconds: 45, chunkSeconds: 120, chatLagSeconds: 2 });
    expect(options).not.toHaveProperty('language');
    expect(options).not.toHaveProperty('chatStart');
  });
});

describe('job.json', () => {
  it('names the bad setting with the schema message', () => {
    expect(() => parseJobOptions({ chatLagSeconds: 61 })).toThrow('job.json: chatLagSeconds must be at most 60 seconds');
    expect(() => parseJobOptions({ maxClips: 1.5 })).toThrow('job.json: maxClips must be a whole number');
    expect(() => parseJobOptions({ minClipSeconds: 40, maxClipSeconds: 20 })).toThrow('job.json: minClipSeconds must not exceed maxClipSeconds');
  });

  it('records the channel, a lowercase slug', () => {
    expect(parseJobOptions({}).channel).toBe('default');
    expect(() => parseJobOptions({ channel: 'Spring Sale!' })).toThrow('job.json: channel must be lowercase letters, digits, "-" or "_", starting with a letter or digit');
  });

  it('accepts 0 clips (analyse without cutting)', () => {
    expect(parseJobOptions({ maxClips: 0 }).maxClips).toBe(0);
  });

  describe('when written by submitShow', () => {
    let dir: string;
    let recording: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'postshow-settings-'));
      recording = path.join(dir, 'show.mp4');
      await writeFile(recording, 'not really media');
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('is validated before anything is stored', async () => {
      const storage = new FsStorage(path.join(dir, 'bad'));
      await expect(submitShow(storage, { recordingPath: recording, options: { chatLagSeconds: 90 } })).rejects.toThrow(/chatLagSeconds must be at most 60 seconds/);
      expect(await storage.list('recordings/')).toEqual([]);
    });

    it('holds every setting with its default filled in', async () => {
      const storage = new FsStorage(path.join(dir, 'good'));
      const { showId } = await submitShow(storage, { recordingPath: recording, options: { maxClips: 2 } });
      const job = JSON.parse((await storage.get(`recordings/${showId}/job.json`)).toString('utf8'));
      expect(job).toEqual({ ...runSettingsSchema.parse({ maxClips: 2 }), sourceName: 'show.mp4' });
    });
  });
});

describe('highlight config', () => {
  it('takes the clip settings with their ranges from the registry', () => {
    expect(resolveHighlightConfig({}).maxClips).toBe(RUN_SETTINGS.maxClips.parse(undefined));
    expect(resolveHighlightConfig({ maxClips: 0 }).maxClips).toBe(0);
    expect(() => resolveHighlightConfig({ minClipSeconds: 2 })).toThrow(/minClipSeconds: must be at least 3 seconds/);
    expect(() => resolveHighlightConfig({ minClipSeconds: 40, maxClipSeconds: 20 })).toThrow(/minClipSeconds must not exceed maxClipSeconds/);
  });
});
