#!/usr/bin/env node
/**
 * postshow command line: `run` a recording through the local pipeline, list the `clips` catalog,
 * print topic `suggest`ions, a show's `review` and the next show's `plan`, and a show's `status`. A thin shell: flags are validated here and
 * mapped onto the library; all work happens in the stages.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { AbortedError, reasonOf } from '../shared/core/errors.js';
import { parseShowId } from '../shared/core/keys.js';
import { readEnvSettings } from '../shared/core/settings/envSettings.js';
import { createJsonLogger } from '../shared/adapters/local/jsonLogger.js';
import { newRunId, planSubmission, storeSubmission } from '../shared/adapters/local/submitShow.js';
import { claimScratchFolder } from '../shared/adapters/local/scratchFolder.js';
import { acquireRunLock, EXIT_SHOW_RUNNING, ShowRunningError } from '../shared/adapters/local/showRunLock.js';
import { localStatusReader } from '../shared/adapters/local/localShowStatus.js';
import { FsStorage } from '../shared/adapters/storage/fsStorage.js';
import { FfmpegMedia } from '../shared/adapters/media/ffmpegMedia.js';
import { providerSettingsFromEnv, selectProviders } from '../shared/adapters/providerSelection.js';
import { createLocalPipeline, localTranscribers } from './localPipeline.js';
import { createProgressView } from './progress.js';
import { envSettingOption, runSettingOptions, runSettingsFromFlags } from './settingOptions.js';
import { listCatalog, printCatalog } from './commands/clips.js';
import { registerClipCommand } from './commands/clip.js';
import { registerExportCommand } from './commands/export.js';
import { registerTranscriptCommand } from './commands/transcript.js';
import { registerModelsCommand } from './commands/models.js';
import { registerReviewCommands } from './commands/review.js';
import { registerServeCommand } from './commands/serve.js';
import { printSuggestions, workspaceSuggestions } from './commands/suggest.js';
import { printRunSummary, runSummary } from './commands/runSummary.js';

const DEFAULT_WORKSPACE = 'postshow-out';

const positiveNumber = (label: string) => (value: string) => {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new InvalidArgumentError(`${label} must be a non-negative number`);
  return number;
};
const positiveInteger = (label: string) => (value: string) => {
  const number = positiveNumber(label)(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError(`${label} must be a whole number`);
  return number;
};

function workspaceOption() {
  return new Option('--out <dir>', 'workspace directory (recordings/ and shows/)').default(DEFAULT_WORKSPACE);
}

/** Whether commander has printed the error it is about to throw (a bad flag), so it is not printed twice. */
let commanderReported = false;

const program = new Command()
  .name('postshow')
  .description('Turn a recorded live show into transcripts, highlights, captioned clips, topic suggestions and a clip catalog.')
  .showHelpAfterError('(run with --help for usage)')
  .configureOutput({
    outputError: (message, write) => {
      commanderReported = true;
      write(message.split('\n')[0] + '\n');
    },
  })
  // Commander would exit 1 on a bad flag; throwing lets every bad argument exit 2, as documented.
  .exitOverride();

const run = program
  .command('run')
  .description('process one recording end to end (offline by default)')
  .argument('<recording>', 'any file ffmpeg reads: mp4, mkv, flv, ts, webm, mov, m4a, mp3, wav')
  .option('--chat <file>', 'chat log, format detected by content: postshow JSON Lines, bilibili danmaku XML (incl. BililiveRecorder/blrec), TwitchDownloader JSON, Twitch IRC log, YouTube live-chat replay (raw page or yt-dlp live_chat.json), CSV t,user,text')
  .option('--metrics <file>', 'metrics CSV with header t,viewers,likes,orders,gmv')
  .option('--captions <file>', 'SRT or WebVTT captions; when given they are the transcript')
  .option('--products <file>', 'products JSON [{"name": "...", "aliases": ["..."]}]')
  .option('--rules <file>', 'compliance rule file (see docs/compliance-rules.example.json); default: built-in zh/en claim rules')
  .addOption(workspaceOption());
// The run settings' flags come from their schemas (shared/core/settings/runSettings.ts).
for (const option of runSettingOptions()) run.addOption(option);
run
  .addOption(envSettingOption('POSTSHOW_TRANSCRIBER'))
  .addOption(envSettingOption('POSTSHOW_LLM'))
  .option('--show-id <id>', 'show id (default: file name + content fingerprint)')
  .option('--concurrency <n>', 'stage invocations at once', positiveInteger('--concurrency'), 2)
  .option('--json', 'print a machine-readable summary on stdout')
  .action(async (recording: string, flags: RunFlags) => {
    const settings = runSettingsFromFlags(flags);
    if (flags.showId !== undefined) parseShowId(flags.showId);
    const { POSTSHOW_LOG_LEVEL: logLevel } = readEnvSettings(process.env, ['POSTSHOW_LOG_LEVEL']);
    const workspace = path.resolve(flags.out);
    mkdirSync(workspace, { recursive: true });
    const logger = createJsonLogger(createWriteStream(path.join(workspace, 'postshow.log'), { flags: 'a' }), logLevel);
    const media = new FfmpegMedia();
    const storage = new FsStorage(workspace);
    const providers = selectProviders({
      settings: providerSettingsFromEnv(process.env, { transcriber: flags.transcriber, languageModel: flags.llm }),
      env: process.env,
      localEngines: localTranscribers(media, process.env),
      storage,
      logger,
    });
    logger.info('providers', providers.description);
    const plan = await planSubmission({
      recordingPath: recording,
      sideInputs: { chat: flags.chat, metrics: flags.metrics, captions: flags.captions, products: flags.products, rules: flags.rules },
      options: settings,
      ...(flags.showId ? { showId: flags.showId } : {}),
    });
    const { showId } = plan;
    // One run per show; a run of the same submission whose process died is continued, not restarted.
    const submission = createHash('sha256').update(JSON.stringify([plan.digest, providers.description])).digest('hex');
    const lock = await acquireRunLock(workspace, showId, submission, newRunId());
    if (lock.resumes) process.stderr.write(`postshow: resuming the interrupted run ${lock.runId} of ${showId}; finished work is reused\n`);
    // Every temporary file of this run, ours and ffmpeg's, lives under the workspace, where the next
    // start removes it if this process is killed.
    const scratch = await claimScratchFolder(workspace);
    process.env.TMPDIR = scratch.dir;
    const progress = createProgressView();
    // The first Ctrl-C stops the running stages (ffmpeg killed, status recorded); a second one exits at once.
    const shutdown = new AbortController();
    const stop = (signal: NodeJS.Signals): void => shutdown.abort(new AbortedError(`postshow received ${signal}`));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const pipeline = createLocalPipeline({
        workspace,
        logger,
        media,
        transcriber: providers.transcriber,
        ...(providers.languageModel ? { languageModel: providers.languageModel } : {}),
        concurrency: flags.concurrency,
        onEvent: progress.onEvent,
        signal: shutdown.signal,
        scratchRoot: scratch.dir,
      });
      const message = await storeSubmission(pipeline.storage, plan, lock.runId);
      const { status } = await pipeline.run(message).finally(() => progress.stop());
      const summary = { ...(await runSummary(pipeline.storage, showId, status)), providers: providers.description };
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else printRunSummary(summary);
      if (status.state !== 'succeeded') {
        process.stderr.write(`postshow: ${status.error ? `${status.error.stage} failed: ${status.error.reason}` : 'the run did not finish'}\n`);
        process.exitCode = 1;
      }
      if (shutdown.signal.aborted) process.stderr.write(`postshow: stopped; run the same command again to continue run ${lock.runId}\n`);
    } finally {
      // A stopped run keeps its lock, so the show reads as interrupted and the next run continues it.
      if (!shutdown.signal.aborted) await lock.release();
      await scratch.remove();
    }
  });

program
  .command('clips')
  .description('list and filter clips across all shows in the workspace')
  .addOption(workspaceOption())
  .option('--show <id>', 'only this show')
  .option('--product <name>', 'clips tagged with a product (substring, any case)')
  .option('--min-score <n>', 'minimum highlight score', positiveNumber('--min-score'))
  .addOption(new Option('--compliance <status>', 'compliance status').choices(['clear', 'warn', 'block', 'not-blocked']))
  .addOption(new Option('--status <review>', 'review state (`postshow clip approve|reject`)').choices(['approved', 'rejected', 'pending']))
  .option('--text <words>', 'words to find in title, description and hashtags')
  .addOption(new Option('--lang <lang>', 'clip language').choices(['en', 'zh']))
  .option('--limit <n>', 'most clips to list', positiveInteger('--limit'))
  .option('--json', 'print JSON on stdout')
  .action(async (flags: ClipsFlags) => {
    const storage = new FsStorage(path.resolve(flags.out));
    const entries = await listCatalog(storage, {
      ...(flags.show ? { show: flags.show } : {}),
      ...(flags.product ? { product: flags.product } : {}),
      ...(flags.minScore !== undefined ? { minScore: flags.minScore } : {}),
      ...(flags.compliance ? { compliance: flags.compliance } : {}),
      ...(flags.status ? { status: flags.status } : {}),
      ...(flags.text ? { text: flags.text } : {}),
      ...(flags.lang ? { language: flags.lang } : {}),
      ...(flags.limit ? { limit: flags.limit } : {}),
    });
    if (flags.json) process.stdout.write(`${JSON.stringify(entries.map((entry) => ({ ...entry, paths: storagePaths(storage, entry.files) })), null, 2)}\n`);
    else printCatalog(storage, entries);
  });

program
  .command('suggest')
  .description('topic suggestions for upcoming shows, from every show in the workspace')
  .addOption(workspaceOption())
  .option('--limit <n>', 'most suggestions', positiveInteger('--limit'), 15)
  .option('--channel <name>', "only this channel's shows")
  .option('--json', 'print JSON on stdout')
  .action(async (flags: { out: string; limit: number; channel?: string; json?: boolean }) => {
    const suggestions = await workspaceSuggestions(new FsStorage(path.resolve(flags.out)), flags.limit, flags.channel);
    if (flags.json) process.stdout.write(`${JSON.stringify(suggestions, null, 2)}\n`);
    else printSuggestions(suggestions);
  });

registerModelsCommand(program);
registerClipCommand(program, workspaceOption);
registerExportCommand(program, DEFAULT_WORKSPACE);
registerTranscriptCommand(program, workspaceOption);
registerReviewCommands(program, workspaceOption);
registerServeCommand(program, workspaceOption);

program
  .command('status')
  .description("print a show's status.json (state interrupted when its run's process died)")
  .argument('<showId>', 'show id printed by `postshow run`')
  .addOption(workspaceOption())
  .action(async (showId: string, flags: { out: string }) => {
    const workspace = path.resolve(flags.out);
    const status = await localStatusReader(new FsStorage(workspace), workspace)(parseShowId(showId));
    if (!status) throw new InvalidArgumentError(`no show ${showId} in ${flags.out}`);
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  });

/** The flags `run` declares itself; the run settings' flags are read by runSettingsFromFlags. */
interface RunFlags extends Record<string, unknown> {
  chat?: string;
  metrics?: string;
  captions?: string;
  products?: string;
  rules?: string;
  out: string;
  showId?: string;
  transcriber?: string;
  llm?: string;
  concurrency: number;
  json?: boolean;
}

interface ClipsFlags {
  out: string;
  show?: string;
  product?: string;
  minScore?: number;
  compliance?: 'clear' | 'warn' | 'block' | 'not-blocked';
  status?: 'approved' | 'rejected' | 'pending';
  text?: string;
  lang?: 'en' | 'zh';
  limit?: number;
  json?: boolean;
}

function storagePaths(storage: FsStorage, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, key]) => [name, storage.pathOf(key)]));
}

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError && (commanderReported || error.exitCode === 0)) {
    // Commander has printed its one line already (or the help); --help and --version end with 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
    return;
  }
  process.stderr.write(`postshow: ${reasonOf(error)}\n`);
  process.exitCode = error instanceof ShowRunningError ? EXIT_SHOW_RUNNING : 2;
});
