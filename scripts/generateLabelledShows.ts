/**
 * CLI: generates a labelled set of synthetic shows for the highlight evaluation harness: at the signals level
 * (signals.json, no recording; seconds for a whole set), or with `--media` as real recordings (recording.mp4 with
 * espeak-ng speech, music breaks, room noise and coloured scenes; about a minute per 30-minute show).
 *
 *   tsx scripts/generateLabelledShows.ts --out bench/labelled --count 20 --seed 1 --min-minutes 5 --max-minutes 120
 *   tsx scripts/generateLabelledShows.ts --out .eval/confounders --set confounders          # 4 shows, 30-40 min
 *   tsx scripts/generateLabelledShows.ts --out .eval/conf2-media --set confounders --seed 2 --count 2 --max-minutes 30 --media
 *
 * Prints one line per show: id, language, minutes, moments, distractors (and confounders; with --media the render).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { reasonOf } from '../shared/core/errors.js';
import { generateLabelledSet } from './labelledShows/writeLabelledSet.js';

const number = (label: string) => (value: string) => {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new InvalidArgumentError(`${label} must be a number`);
  return parsed;
};

const languages = (value: string) => {
  const list = value.split(',').map((l) => l.trim()).filter((l) => l !== '');
  if (list.length === 0 || list.some((l) => l !== 'en' && l !== 'zh')) throw new InvalidArgumentError('--languages takes en, zh or en,zh');
  return list as ('en' | 'zh')[];
};

const program = new Command()
  .name('generate-labelled-shows')
  .description('Generate labelled synthetic shows (signals, captions, chat, metrics, labels) for highlight evaluation.')
  .requiredOption('--out <dir>', 'directory of the set (one sub-directory per show)')
  // Count and lengths default per set (20 shows of 5-120 min; confounders: 4 shows of 30-40 min), so no default here.
  .option('--count <n>', 'number of shows (default 20; confounders 4)', number('--count'))
  .option('--seed <n>', 'set seed', number('--seed'), 1)
  .option('--min-minutes <n>', 'shortest show, minutes (default 5; confounders 30)', number('--min-minutes'))
  .option('--max-minutes <n>', 'longest show, minutes (default 120; confounders 40)', number('--max-minutes'))
  .option('--languages <list>', 'languages, alternating across the set', languages, ['en', 'zh'] as ('en' | 'zh')[])
  .option('--media', 'render each show as recording.mp4 (speech, music, scenes) instead of writing signals.json', false)
  .addOption(
    new Option('--set <kind>', 'default: the mixed-length set; confounders: long shows with giveaway floods, requested spam, music breaks, shouted housekeeping')
      .choices(['default', 'confounders'])
      .default('default'),
  )
  .action(async (flags: { out: string; count?: number; seed: number; minMinutes?: number; maxMinutes?: number; languages: ('en' | 'zh')[]; set: 'default' | 'confounders'; media: boolean }) => {
    const summary = await generateLabelledSet({
      outDir: flags.out,
      count: flags.count,
      seed: flags.seed,
      minMinutes: flags.minMinutes,
      maxMinutes: flags.maxMinutes,
      languages: flags.languages,
      set: flags.set,
      media: flags.media,
    });
    for (const show of summary.shows) {
      const minutes = (show.durationSeconds / 60).toFixed(1);
      console.log(
        `${show.id}\t${show.language}\t${minutes} min\t${show.moments} moments\t${show.distractors} distractors` +
          (show.distractors < show.distractorsWanted ? ` (of ${show.distractorsWanted} wanted; no room)` : '') +
          (show.confounders > 0 ? `\t${show.confounders} confounders` : '') +
          (show.recording
            ? `\trecording in ${show.recording.wallSeconds.toFixed(1)} s (speech ${show.recording.speechSeconds.toFixed(1)} s, encode ${show.recording.encodeSeconds.toFixed(1)} s; ` +
              `${show.recording.cues} cues, fit ${show.recording.meanFit.toFixed(2)}, ${show.recording.trimmedCues} cut)`
            : ''),
      );
    }
    console.log(`wrote ${summary.shows.length} shows to ${summary.outDir}`);
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`generate-labelled-shows: ${reasonOf(error)}`);
  process.exitCode = 1;
});
