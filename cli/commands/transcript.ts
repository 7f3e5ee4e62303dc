/** `postshow transcript <showId> --export srt|vtt | --import FILE`: fix the show's transcript once for every clip. */
import { decodeTextInput } from '../../shared/core/inputs/textDecoding.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { InputError } from '../../shared/core/errors.js';
import { parseShowId } from '../../shared/core/keys.js';
import { exportTranscript, importTranscript, TRANSCRIPT_FORMATS, type TranscriptFormat } from '../../shared/pipeline/transcriptFix.js';
import { createLocalPipeline } from '../localPipeline.js';

export function registerTranscriptCommand(program: Command, workspace: () => Option): void {
  program
    .command('transcript')
    .description("export the show's transcript to correct it, or import the corrected one: it becomes the trusted text for captions and topics, and every clip is re-rendered")
    .argument('<showId>', 'show id printed by `postshow run`')
    .addOption(new Option('--export <format>', 'write the transcript as subtitles').choices(TRANSCRIPT_FORMATS).conflicts('import'))
    .option('--import <file>', 'the corrected transcript (SRT or WebVTT, recording times)')
    .option('--file <file>', 'with --export: file to write (default: stdout)')
    .addOption(workspace())
    .action(async (showText: string, flags: { export?: TranscriptFormat; import?: string; file?: string; out: string }) => {
      const showId = parseShowId(showText);
      const storage = new FsStorage(path.resolve(flags.out));
      try {
        if (flags.export) {
          const text = await exportTranscript(storage, showId, flags.export);
          if (flags.file) writeFileSync(flags.file, text);
          else process.stdout.write(text);
          return;
        }
        if (!flags.import) throw new InvalidArgumentError('give --export srt|vtt or --import FILE');
        const text = decodeTextInput(readFileSync(flags.import), `--import ${flags.import}`).text;
        const { messages, segments } = await importTranscript(storage, showId, text, path.basename(flags.import));
        const started = Date.now();
        const { deadLetters } = await createLocalPipeline({ workspace: path.resolve(flags.out) }).runAll(messages);
        for (const letter of deadLetters) process.stderr.write(`postshow: ${letter.reason}\n`);
        if (deadLetters.length > 0) process.exitCode = 1;
        const clips = messages.filter((message) => message.stage === 'clip').length;
        process.stdout.write(`transcript of ${showId}: ${segments} lines imported; ${clips} clips re-rendered and topics recomputed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      } catch (error) {
        if (error instanceof InputError) throw new InvalidArgumentError(error.message);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InvalidArgumentError(`--import ${flags.import} does not exist`);
        throw error;
      }
    });
}
