/**
 * Real chat lines from ../shared/data/chat with our sentiment labels. The labels file
 * (eval/sentiment/shared-chat.jsonl) stores only file, SHA-1 of the text and label, never the third-party text:
 * the text is read back from ../shared at evaluation time.
 *
 * Per-format extraction, deliberately simple: bilibili XML `<d>` element text (sax, entities decoded), Twitch
 * replay JSON `comments[].message.body`, and the text after `PRIVMSG #channel :` in raw IRC logs.
 *
 * Imperative evaluation tooling (file I/O); not part of the functional core.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sax from 'sax';
import { z } from 'zod';
import { InputError } from '../../shared/core/errors.js';
import type { LabelledText } from '../../shared/core/sentiment/evaluateSentiment.js';

/** Default location of the labels, relative to this file (repo/eval/sentiment/shared-chat.jsonl). */
export const SHARED_CHAT_LABELS = fileURLToPath(new URL('../../eval/sentiment/shared-chat.jsonl', import.meta.url));

/** One line of shared-chat.jsonl: where the text is, its SHA-1, and our label. */
export const sharedChatLabelSchema = z
  .object({
    file: z.string().min(1).refine((file) => !path.isAbsolute(file) && !file.split(/[\\/]/).includes('..'), {
      message: 'file must be relative to ../shared/data/chat, without ..',
    }),
    sha1: z.string().regex(/^[0-9a-f]{40}$/),
    label: z.enum(['positive', 'negative', 'neutral']),
    lang: z.enum(['en', 'zh']),
  })
  .strict();

/** A parsed line of shared-chat.jsonl. */
export type SharedChatLabel = z.infer<typeof sharedChatLabelSchema>;

const PRIVMSG = /PRIVMSG #\S+ :(.*)$/;

/** SHA-1 (hex) of a text's UTF-8 bytes: the key that ties a label to a chat line without storing the line. */
export function textSha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** Every chat message text of one file under `<sharedDir>/data/chat`, in file order, chosen by extension. */
export async function extractChatTexts(sharedDir: string, file: string): Promise<string[]> {
  const content = await readFile(path.join(sharedDir, 'data', 'chat', file), 'utf8');
  if (file.endsWith('.xml')) return bilibiliTexts(content);
  if (file.endsWith('.json')) return twitchReplayTexts(content, file);
  if (file.endsWith('.log')) return ircTexts(content);
  throw new InputError(`no chat text extractor for ${file} (expected .xml, .json or .log)`);
}

/** Parses shared-chat.jsonl text; a bad line throws with its line number. */
export function parseSharedChatLabels(text: string, name = 'shared-chat.jsonl'): SharedChatLabel[] {
  return text.split('\n').flatMap((line, index) => {
    if (line.trim() === '') return [];
    const parsed = sharedChatLabelSchema.safeParse(safeJson(line));
    if (!parsed.success) throw new InputError(`${name}:${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid line'}`);
    return [parsed.data];
  });
}

/**
 * The labelled shared chat lines, texts read back from ../shared; undefined when `<sharedDir>/data/chat` is
 * missing. A label whose SHA-1 matches no line of its file throws (the data changed or the label is wrong):
 * silently dropping it would change the set being measured.
 */
export async function loadSharedChatLabels(
  sharedDir: string,
  labelsPath: string = SHARED_CHAT_LABELS,
): Promise<LabelledText[] | undefined> {
  if (!existsSync(path.join(sharedDir, 'data', 'chat'))) return undefined;
  const labels = parseSharedChatLabels(await readFile(labelsPath, 'utf8'), path.basename(labelsPath));

  const textsByFile = new Map<string, Map<string, string>>();
  for (const file of new Set(labels.map((label) => label.file))) {
    const bySha = new Map<string, string>();
    for (const text of await extractChatTexts(sharedDir, file)) bySha.set(textSha1(text), text);
    textsByFile.set(file, bySha);
  }

  const missing: string[] = [];
  const items: LabelledText[] = [];
  for (const label of labels) {
    const text = textsByFile.get(label.file)?.get(label.sha1);
    if (text === undefined) missing.push(`${label.file} ${label.sha1}`);
    else items.push({ text, label: label.label, language: label.lang, source: 'chat' });
  }
  if (missing.length > 0) {
    throw new InputError(`${missing.length} labelled shared chat line(s) not found by SHA-1: ${missing.slice(0, 5).join(', ')}`);
  }
  return items;
}

function bilibiliTexts(xml: string): string[] {
  const texts: string[] = [];
  const parser = sax.parser(true);
  let current: string | undefined;
  parser.onopentag = (tag) => {
    if (tag.name === 'd') current = '';
  };
  parser.ontext = (text) => {
    if (current !== undefined) current += text;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = (name) => {
    if (name === 'd' && current !== undefined) texts.push(current);
    if (name === 'd') current = undefined;
  };
  parser.write(xml).close();
  return texts;
}

const twitchReplaySchema = z.object({
  comments: z.array(z.object({ message: z.object({ body: z.string() }).partial() }).partial()),
});

function twitchReplayTexts(json: string, file: string): string[] {
  const parsed = twitchReplaySchema.safeParse(safeJson(json));
  if (!parsed.success) throw new InputError(`${file}: not a Twitch chat replay (comments[].message.body)`);
  return parsed.data.comments.flatMap((comment) => (comment.message?.body === undefined ? [] : [comment.message.body]));
}

function ircTexts(log: string): string[] {
  return log.split('\n').flatMap((line) => {
    const text = PRIVMSG.exec(line.replace(/\r$/, ''))?.[1];
    return text === undefined ? [] : [text];
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
