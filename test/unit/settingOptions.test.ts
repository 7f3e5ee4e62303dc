import { Command, InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { envSettingOption, runSettingOptions, runSettingsFromFlags } from '../../cli/settingOptions.js';

/** A `run`-like command with the derived options, parsed without running anything. */
function parseRun(args: string[]): Record<string, unknown> {
  const command = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  for (const option of runSettingOptions()) command.addOption(option);
  command.addOption(envSettingOption('POSTSHOW_LLM'));
  command.parse(args, { from: 'user' });
  return command.opts();
}

describe('CLI options derived from the settings registries', () => {
  it('parses values with the settings schemas and fills defaults from them', () => {
    const flags = parseRun(['--max-clips', '0', '--min-clip', '8', '--chat-lag', '2.5', '--lang', 'zh', '--llm', 'offline']);
    expect(runSettingsFromFlags(flags)).toMatchObject({ language: 'zh', minClipSeconds: 8, maxClipSeconds: 45, maxClips: 0, chunkSeconds: 120, chatLagSeconds: 2.5 });
    expect(flags.llm).toBe('offline');
  });

  it("rejects a value with the schema's own message, naming the flag", () => {
    expect(() => parseRun(['--chat-lag', '61'])).toThrow('--chat-lag must be at most 60 seconds');
    expect(() => parseRun(['--max-clips', 'many'])).toThrow('--max-clips must be a number');
    expect(() => parseRun(['--llm', 'oracle'])).toThrow(/Allowed choices are auto, openai, offline/);
  });

  it('words the rules across settings in flags', () => {
    const attempt = () => runSettingsFromFlags(parseRun(['--min-clip', '40', '--max-clip', '20']));
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow('--min-clip must not exceed --max-clip');
  });
});
