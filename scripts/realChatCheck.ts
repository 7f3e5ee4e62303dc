/**
 * Sanity check of the highlight detector on real chat: pairs each real bilibili live log with a generated flat
 * recording of the same length (measured by the pipeline's media adapter), runs the detector with default options
 * and prints what the top clips' chat is like and where the show's biggest echo floods (draw keywords, 扣1) rank.
 * The logs are third-party test data in ../shared; nothing of them is written into the repository.
 *
 *   npm run eval:real-chat -- [--dir ../shared/data/chat/bilibili-ZJStatistics2-live] [--json FILE]
 *
 * Exit codes: 0 ok, 2 bad input (missing folder, unreadable log).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { FfmpegMedia } from '../shared/adapters/media/ffmpegMedia.js';
import { InputError } from '../shared/core/errors.js';
import { parseChatLog } from '../shared/core/inputs/index.js';
import { checkShowChat, type ShowChatCheck } from './realChatCheck/checkShowChat.js';
import { flatRecording, measureFlatRecording } from './realChatCheck/flatRecording.js';
import { formatShowCheck } from './realChatCheck/formatRealChatCheck.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_DIR = path.resolve(REPO_ROOT, '../shared/data/chat/bilibili-ZJStatistics2-live');
/** Generated recordings, git-ignored (.eval/). */
const CACHE_DIR = path.join(REPO_ROOT, '.eval/real-chat');

interface Options {
  readonly dir: string;
  readonly json?: string;
}

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('eval:real-chat')
    .description('Run the highlight detector on real live chat logs paired with a flat generated recording, and profile the top clips\' chat.')
    .option('--dir <folder>', 'folder of chat logs (every .xml/.json/.jsonl/.log file)', DEFAULT_DIR)
    .option('--json <file>', 'also write the results as JSON')
    .showHelpAfterError();
  program.parse(argv, { from: 'user' });
  const options = program.opts<Options>();
  const dir = path.resolve(options.dir);
  if (!existsSync(dir)) throw new InputError(`chat log folder not found: ${dir}`);
  const files = (await readdir(dir)).filter((file) => /\.(xml|json|jsonl|log)$/i.test(file)).sort();
  if (files.length === 0) throw new InputError(`no chat logs in ${dir}`);

  const media = new FfmpegMedia();
  const results: ShowChatCheck[] = [];
  for (const file of files) {
    const { messages } = parseChatLog(await readFile(path.join(dir, file), 'utf8'), file);
    // The recording is as long as the chat: the last line's second, rounded up.
    const seconds = Math.ceil(Math.max(0, ...messages.map((message) => message.t))) + 1;
    const recording = await flatRecording(CACHE_DIR, seconds, media.options.ffmpegPath);
    const measured = await measureFlatRecording(media, recording);
    const result = checkShowChat({ name: file, language: 'zh', duration: measured.duration, chat: messages, audio: measured.audio, sceneChanges: measured.sceneChanges });
    results.push(result);
    console.log(`${formatShowCheck(result)}\n`);
  }
  if (options.json) {
    await writeFile(path.resolve(options.json), `${JSON.stringify({ dir, shows: results }, null, 2)}\n`);
    console.log(`report: ${path.resolve(options.json)}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`eval:real-chat: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
