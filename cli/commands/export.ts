/** `postshow export <showId> --format fcpxml|edl|mlt|srt|vtt [--approved] [--out FILE]`: hand the clips to an editor. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { InputError } from '../../shared/core/errors.js';
import { parseShowId } from '../../shared/core/keys.js';
import { EDITOR_EXPORT_FORMATS, exportShow, type EditorExportFormat } from '../../shared/pipeline/editorExport.js';

export function registerExportCommand(program: Command, defaultWorkspace: string): void {
  program
    .command('export')
    .description("the show's clips as an editor project (FCPXML for Final Cut/Resolve/Premiere, CMX3600 EDL, MLT for Shotcut/Kdenlive) or their captions (SRT, VTT)")
    .argument('<showId>', 'show id printed by `postshow run`')
    .addOption(new Option('--format <format>', 'what to write').choices(EDITOR_EXPORT_FORMATS).makeOptionMandatory())
    .option('--approved', 'only clips marked approved (`postshow clip approve`)')
    .option('--out <file>', 'file to write (default: stdout)')
    .option('--workspace <dir>', 'workspace directory (recordings/ and shows/)', defaultWorkspace)
    .action(async (showId: string, flags: { format: EditorExportFormat; approved?: boolean; out?: string; workspace: string }) => {
      const storage = new FsStorage(path.resolve(flags.workspace));
      let exported;
      try {
        exported = await exportShow(storage, parseShowId(showId), { format: flags.format, approvedOnly: Boolean(flags.approved) });
      } catch (error) {
        if (error instanceof InputError) throw new InvalidArgumentError(error.message);
        throw error;
      }
      if (flags.out === undefined) {
        process.stdout.write(exported.text);
        return;
      }
      writeFileSync(flags.out, exported.text);
      process.stderr.write(`${flags.out}: ${flags.format}, ${exported.clips} clip${exported.clips === 1 ? '' : 's'}, ${exported.seconds.toFixed(1)} s\n`);
    });
}
