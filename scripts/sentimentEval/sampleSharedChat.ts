/**
 * Draws the candidate lines for eval/sentiment/shared-chat.jsonl: a seeded random sample of distinct, non-empty
 * messages per language from ../shared/data/chat, printed to stdout as `lang<TAB>file<TAB>sha1<TAB>text` for a
 * person to label. The text is printed only; it must never be written into the repository.
 *
 *   npx tsx scripts/sentimentEval/sampleSharedChat.ts [--shared ../shared] [--per-language 130] [--seed 20261125]
 *
 * Imperative evaluation tooling (file I/O); not part of the functional core.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { mulberry32 } from '../prng.js';
import { extractChatTexts, textSha1 } from './sharedChatLines.js';

/** The live-stream logs sampled per language (paths relative to ../shared/data/chat). */
export const SHARED_CHAT_FILES = {
  zh: [
    'bilibili-ZJStatistics2-live/2020.12.11 全团首播.xml',
    'bilibili-ZJStatistics2-live/2020.12.12 嘉然 首播.xml',
    'bilibili-ZJStatistics2-live/2020.12.15 嘉然 今天和嘉然一起画画吧~.xml',
  ],
  en: ['twitch-chat-replay/1087079172.json', 'twitch_chat_analysis/chat_admiralbulldog_4_30.log'],
} as const;

const ArgsSchema = z.object({
  shared: z.string().min(1),
  perLanguage: z.coerce.number().int().positive(),
  seed: z.coerce.number().int(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      shared: { type: 'string', default: fileURLToPath(new URL('../../../shared', import.meta.url)) },
      'per-language': { type: 'string', default: '130' },
      seed: { type: 'string', default: '20261125' },
    },
  });
  const args = ArgsSchema.parse({ shared: values.shared, perLanguage: values['per-language'], seed: values.seed });
  const random = mulberry32(args.seed);

  for (const [lang, files] of Object.entries(SHARED_CHAT_FILES)) {
    // Pool distinct texts across the language's files (first file wins a text), then shuffle with the seed.
    const pool = new Map<string, { file: string; text: string }>();
    for (const file of files) {
      for (const text of await extractChatTexts(args.shared, file)) {
        const sha1 = textSha1(text);
        if (text.trim() !== '' && !pool.has(sha1)) pool.set(sha1, { file, text });
      }
    }
    const entries = [...pool.entries()];
    for (let i = entries.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [entries[i], entries[j]] = [entries[j]!, entries[i]!];
    }
    for (const [sha1, { file, text }] of entries.slice(0, args.perLanguage)) {
      console.log([lang, file, sha1, text.replace(/\s+/g, ' ')].join('\t'));
    }
  }
}

await main();
