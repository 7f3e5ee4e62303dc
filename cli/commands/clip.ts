/**
 * `postshow clip edit|approve|reject <clipId>`: fix a clip and re-render it from the recording, or give it a
 * verdict. Requests go through shared/pipeline/clipEdits.ts (validated whole, nothing written when refused),
 * then the local pipeline runs the messages they return, as the cloud's queue would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command, type Option } from 'commander';
import { FileCatalogIndex } from '../../shared/adapters/local/fileCatalogIndex.js';
import { FsStorage } from '../../shared/adapters/storage/fsStorage.js';
import { InputError, reasonOf } from '../../shared/core/errors.js';
import { decodeTextInput } from '../../shared/core/inputs/textDecoding.js';
import { parseShowId, showKeys, type ShowId } from '../../shared/core/keys.js';
import type { ClipChanges } from '../../shared/core/schemas/clipEdit.js';
import { catalogFileSchema, clipMetaSchema } from '../../shared/pipeline/artifacts.js';
import { requestClipEdit, reviewClip } from '../../shared/pipeline/clipEdits.js';
import { readJson } from '../../shared/pipeline/storageJson.js';
import { createLocalPipeline } from '../localPipeline.js';
import { runSettingOption } from '../settingOptions.js';
import { clock } from './format.js';

interface EditFlags {
  out: string;
  show?: string;
  start?: number;
  end?: number;
  title?: string;
  description?: string;
  hashtags?: string;
  captions?: string;
  aspect?: ClipChanges['aspects'];
  reframe?: ClipChanges['reframe'];
  trim?: ClipChanges['trim'];
  captionStyle?: ClipChanges['captionStyle'];
  json?: boolean;
}

/** Adds the `clip` command group; `workspace` makes the shared `--out` option. */
export function registerClipCommand(program: Command, workspace: () => Option): void {
  const clip = program.command('clip').description('fix, re-render, approve or reject one clip');

  const edit = clip
    .command('edit')
    .description('change a clip and re-render every shape from the recording (a new version)')
    .argument('<clipId>', 'clip id (from `postshow clips`)')
    .addOption(workspace())
    .option('--show <id>', 'the show the clip belongs to (default: found in the catalog)')
    .option('--start <time>', 'new start in the recording, seconds or m:ss / h:mm:ss (may reach outside the detected moment)', recordingTime('--start'))
    .option('--end <time>', 'new end in the recording, seconds or m:ss / h:mm:ss', recordingTime('--end'))
    .option('--title <text>', 'new title')
    .option('--description <text>', 'new description')
    .option('--hashtags <list>', 'new hashtags, comma-separated (with or without #)')
    .option('--captions <file>', 'corrected captions (SRT or WebVTT), timed from the clip start; burned as given');
  for (const name of ['aspects', 'reframe', 'trim', 'captionStyle'] as const) edit.addOption(runSettingOption(name));
  edit.option('--json', 'print the new meta.json on stdout').action(async (clipId: string, flags: EditFlags) => {
    const storage = new FsStorage(path.resolve(flags.out));
    const showId = await showOf(storage, flags.out, clipId, flags.show);
    const changes: Omit<ClipChanges, 'captions'> = {
      ...(flags.start !== undefined ? { start: flags.start } : {}),
      ...(flags.end !== undefined ? { end: flags.end } : {}),
      ...(flags.title !== undefined ? { title: flags.title } : {}),
      ...(flags.description !== undefined ? { description: flags.description } : {}),
      ...(flags.hashtags !== undefined ? { hashtags: hashtagList(flags.hashtags) } : {}),
      ...(flags.aspect !== undefined ? { aspects: flags.aspect } : {}),
      ...(flags.reframe !== undefined ? { reframe: flags.reframe } : {}),
      ...(flags.trim !== undefined ? { trim: flags.trim } : {}),
      ...(flags.captionStyle !== undefined ? { captionStyle: flags.captionStyle } : {}),
    };
    const captionsText = flags.captions === undefined ? undefined : readText(flags.captions, '--captions');
    const { message } = await asArgumentError(() => requestClipEdit(storage, { showId, clipId, changes, ...(captionsText !== undefined ? { captionsText, captionsName: path.basename(flags.captions!) } : {}) }));
    const started = Date.now();
    const pipeline = createLocalPipeline({ workspace: path.resolve(flags.out) });
    const { deadLetters } = await pipeline.run(message);
    const meta = await readJson(storage, showKeys(showId).clipMeta(clipId), clipMetaSchema);
    if (deadLetters.length > 0 || meta.version !== message.version) {
      process.stderr.write(`postshow: re-rendering clip ${clipId} failed: ${deadLetters[0]?.reason ?? 'the render did not finish'}\n`);
      process.exitCode = 1;
      return;
    }
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(meta, null, 2)}\n`);
      return;
    }
    process.stdout.write(
      `clip ${clipId} version ${meta.version}: ${clock(meta.start)}-${clock(meta.end)} (${meta.duration.toFixed(1)} s), re-rendered in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
        `  ${meta.title}\n` +
        meta.variants.map((variant) => `  ${variant.aspect.padEnd(5)} ${storage.pathOf(variant.file)}\n`).join('') +
        `  captions: ${meta.captions.burned ? 'burned' : 'not burned'} (${meta.captions.reason})\n`,
    );
  });

  clip
    .command('rerender')
    .description('render a clip (or, with --show and no clip id, every clip of the show) again from the recording, as a new version')
    .argument('[clipId]', 'clip id')
    .addOption(workspace())
    .option('--show <id>', 'the show (required without a clip id)')
    .action(async (clipId: string | undefined, flags: { out: string; show?: string }) => {
      const storage = new FsStorage(path.resolve(flags.out));
      if (clipId === undefined && flags.show === undefined) throw new InvalidArgumentError('give a clip id or --show <id>');
      const showId = clipId === undefined ? parseShowId(flags.show!) : await showOf(storage, flags.out, clipId, flags.show);
      const clipIds = clipId !== undefined ? [clipId] : (await readJson(storage, showKeys(showId).catalog, catalogFileSchema)).entries.map((entry) => entry.clipId);
      const messages = [];
      for (const id of clipIds) messages.push((await asArgumentError(() => requestClipEdit(storage, { showId, clipId: id, changes: {}, rerender: 'rerender' }))).message);
      const started = Date.now();
      const { deadLetters } = await createLocalPipeline({ workspace: path.resolve(flags.out) }).runAll(messages);
      for (const letter of deadLetters) process.stderr.write(`postshow: ${letter.reason}\n`);
      if (deadLetters.length > 0) process.exitCode = 1;
      process.stdout.write(`${messages.length - deadLetters.length} of ${messages.length} clip${messages.length === 1 ? '' : 's'} re-rendered in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    });

  for (const status of ['approved', 'rejected'] as const) {
    const verb = status === 'approved' ? 'approve' : 'reject';
    clip
      .command(verb)
      .description(`mark a clip ${status} (shown in \`postshow clips\`, filtered by --status)`)
      .argument('<clipId>', 'clip id')
      .addOption(workspace())
      .option('--show <id>', 'the show the clip belongs to (default: found in the catalog)')
      .option('--note <text>', 'why, for whoever reads the catalog')
      .action(async (clipId: string, flags: { out: string; show?: string; note?: string }) => {
        const storage = new FsStorage(path.resolve(flags.out));
        const showId = await showOf(storage, flags.out, clipId, flags.show);
        const { message, review } = await asArgumentError(() => reviewClip(storage, { showId, clipId, status, ...(flags.note ? { note: flags.note } : {}) }));
        await createLocalPipeline({ workspace: path.resolve(flags.out) }).run(message);
        process.stdout.write(`clip ${clipId} version ${review.version}: ${status}${review.note ? ` (${review.note})` : ''}\n`);
      });
  }
}

/** The clip's show: the one given, else the one whose catalog lists the clip. */
async function showOf(storage: FsStorage, workspace: string, clipId: string, show: string | undefined): Promise<ShowId> {
  if (show !== undefined) return parseShowId(show);
  const { entries } = await new FileCatalogIndex(storage).query({});
  const found = entries.filter((entry) => entry.clipId === clipId);
  if (found.length === 0) throw new InvalidArgumentError(`no clip ${clipId} in the catalog of ${workspace}`);
  if (found.length > 1) throw new InvalidArgumentError(`clip ${clipId} is in several shows (${found.map((entry) => entry.showId).join(', ')}): give --show`);
  return parseShowId(found[0]!.showId);
}

/** Seconds ("83.5") or a clock ("1:23.5", "1:02:03") as printed by `postshow run`. */
function recordingTime(flag: string) {
  return (text: string): number => {
    const parts = text.trim().split(':');
    const numbers = parts.map((part) => (/^\d+(\.\d+)?$/.test(part) ? Number(part) : Number.NaN));
    if (parts.length > 3 || numbers.some((value) => !Number.isFinite(value)) || numbers.slice(1).some((value) => value >= 60)) {
      throw new InvalidArgumentError(`${flag} must be seconds or m:ss / h:mm:ss, e.g. 83.5 or 1:23.5`);
    }
    return numbers.reduce((total, value) => total * 60 + value, 0);
  };
}

function hashtagList(text: string): string[] {
  return text
    .split(',')
    .map((tag) => tag.trim().replace(/^#+/, ''))
    .filter((tag) => tag.length > 0)
    .map((tag) => `#${tag}`);
}

function readText(file: string, flag: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InvalidArgumentError(`${flag} ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return decodeTextInput(bytes, `${flag} ${file}`).text;
  } catch (error) {
    throw new InvalidArgumentError(reasonOf(error));
  }
}

/** A refused request is a bad argument (exit 2, one line), like a bad flag. */
async function asArgumentError<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof InputError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}
