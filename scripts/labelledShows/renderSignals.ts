/**
 * Pure rendering of a planned labelled show into the contents of its files: signals.json (what the media
 * measurement would have produced, via a simple loudness model), captions, chat, metrics, products, labels and
 * the diagnostic truth. No I/O; the same plan gives byte-identical strings.
 */
import { stringifySync } from 'subtitle';
import type { ChatJsonlLine } from '../../shared/core/inputs/chatJsonl.js';
import type { TimeRange } from '../../shared/core/types.js';
import { LANGUAGE_POOLS } from './scripts.js';
import { gaussian, intBetween, pick, round3, seededStream, uniform } from '../prng.js';
import { FLOOD_DISTINCT_SHARE, STREAM_SALTS, type ChatCategory, type ShowPlan } from './planShow.js';

/** Version of the labelled-show format and generator, written into show.json. Bump when output changes. */
export const LABELLED_SHOW_GENERATOR_VERSION = 2;
/** Name of the generator in show.json. */
export const LABELLED_SHOW_GENERATOR_NAME = 'labelled-shows';

/** LUFS value the audio stage uses for silence. */
export const SILENCE_LUFS = -70;
/** A pause counts as a silence (and reads -70 LUFS) from this many seconds without speech or loud events. */
export const MIN_SILENCE_SECONDS = 2;
/** Per-second loudness jitter of speech, LU (standard deviation). */
export const LOUDNESS_JITTER_LU = 1.2;
/** How far a short pause between cues drops below the speech level, LU (room tone and breathing, not silence). */
export const GAP_DROP_LU = { min: 6, max: 12 } as const;
/** The model works on 0.1 s slices and reports the energy mean per whole second. */
const SLICES_PER_SECOND = 10;

/** The `signals.json` of a labelled show. */
export interface SignalsFile {
  readonly duration: number;
  readonly integratedLufs: number;
  /** Short-term loudness per whole second, LUFS; length ceil(duration). */
  readonly loudness: readonly number[];
  readonly silences: readonly TimeRange[];
  readonly sceneChanges: readonly number[];
}

/** The files of one labelled show, by name. */
export const LABELLED_SHOW_FILES = [
  'show.json',
  'labels.json',
  'signals.json',
  'captions.srt',
  'chat.jsonl',
  'metrics.csv',
  'products.json',
  'truth.json',
] as const;

/** One of the files of a labelled show. */
export type LabelledShowFile = (typeof LABELLED_SHOW_FILES)[number];

/**
 * The loudness model: speech at the show's base level with N(0, 1.2) LU jitter per second, short pauses 6-12 LU
 * below it, pauses of 2 s or more (without loud events) at -70 LUFS and listed as silences, and loud events
 * (cheers, laughter, stings) at base + their gain. Each second is the energy mean of its 0.1 s slices.
 */
export function renderSignals(plan: ShowPlan): SignalsFile {
  const rng = seededStream(plan.seed, STREAM_SALTS.loudness);
  const seconds = Math.ceil(plan.duration);
  const slices = seconds * SLICES_PER_SECOND;
  const speech = new Uint8Array(slices);
  const gain = new Float32Array(slices).fill(Number.NaN);
  const slice = (t: number) => Math.min(slices, Math.max(0, Math.round(t * SLICES_PER_SECOND)));
  for (const cue of plan.cues) speech.fill(1, slice(cue.start), slice(cue.end));
  for (const event of plan.loudEvents) {
    for (let k = slice(event.start); k < slice(event.end); k++) {
      const current = gain[k] ?? Number.NaN;
      if (!(current >= event.gainLu)) gain[k] = event.gainLu;
    }
  }

  // Silences: runs of slices with neither speech nor a loud event, at least MIN_SILENCE_SECONDS long.
  const silent = new Uint8Array(slices);
  const silences: TimeRange[] = [];
  let runStart = -1;
  for (let k = 0; k <= slices; k++) {
    const quiet = k < slices && speech[k] === 0 && Number.isNaN(gain[k] ?? Number.NaN);
    if (quiet && runStart < 0) runStart = k;
    if (!quiet && runStart >= 0) {
      if (k - runStart >= MIN_SILENCE_SECONDS * SLICES_PER_SECOND) {
        silent.fill(1, runStart, k);
        silences.push({ start: round3(runStart / SLICES_PER_SECOND), end: round3(Math.min(k / SLICES_PER_SECOND, plan.duration)) });
      }
      runStart = -1;
    }
  }

  const loudness: number[] = new Array<number>(seconds);
  for (let i = 0; i < seconds; i++) {
    const jitter = LOUDNESS_JITTER_LU * gaussian(rng);
    const drop = uniform(rng, GAP_DROP_LU.min, GAP_DROP_LU.max);
    let energy = 0;
    for (let k = i * SLICES_PER_SECOND; k < (i + 1) * SLICES_PER_SECOND; k++) {
      const loud = gain[k] ?? Number.NaN;
      const level = !Number.isNaN(loud)
        ? plan.baseLufs + loud + jitter
        : speech[k] === 1
          ? plan.baseLufs + jitter
          : silent[k] === 1
            ? SILENCE_LUFS
            : plan.baseLufs - drop;
      energy += Math.pow(10, level / 10) / SLICES_PER_SECOND;
    }
    loudness[i] = Math.round(Math.max(SILENCE_LUFS, 10 * Math.log10(energy)) * 100) / 100;
  }
  return {
    duration: plan.duration,
    integratedLufs: plan.baseLufs,
    loudness,
    silences,
    sceneChanges: plan.sceneChanges,
  };
}

/** One rendered chat line: a message, or a paid message / gift with its amount. */
export type RenderedChatLine = ChatJsonlLine;

/** Chat lines with words and users: `{ t, user, text }` in time order, paid messages and gifts with `kind` and `amount`. */
export function renderChat(plan: ShowPlan): RenderedChatLine[] {
  const { chat: pools } = LANGUAGE_POOLS[plan.language];
  const textRng = seededStream(plan.seed, STREAM_SALTS.chatText);
  const userRng = seededStream(plan.seed, STREAM_SALTS.users);
  // A show-sized crowd: ~20 regulars in a quiet chat, up to 1,500 names in a busy one.
  const crowd = Math.min(1500, Math.max(20, Math.round(20 + plan.chatRate * 300)));
  const users = Array.from({ length: crowd }, () => `${pick(userRng, pools.users)}${intBetween(userRng, 1, 999)}`);
  // Squaring the draw makes a few regulars write most of the lines, as in real chat.
  const viewer = () => users[Math.floor(users.length * Math.pow(userRng(), 2))] ?? 'viewer';
  const groups = new Map<number, { users: string[]; text: string }>();
  const poolOf: Record<ChatCategory, readonly string[]> = {
    background: pools.background,
    hype: pools.hype,
    positive: pools.positive,
    laughter: pools.laughter,
    question: pools.questions,
    offTopicQuestion: pools.offTopicQuestions,
    spam: pools.spam,
    raid: pools.raid,
    negative: pools.negative,
    paid: pools.paid,
    bigPaid: pools.paid,
    gift: [],
    flood: [],
  };
  // Each flood is typed by its own crowd: distinct viewers, a few of whom type it twice.
  const floodCrowds = new Map<number, string[]>();
  const floodCrowd = (group: number): string[] => {
    const known = floodCrowds.get(group);
    if (known !== undefined) return known;
    const lines = plan.chat.filter((l) => l.category === 'flood' && l.group === group).length;
    const names = new Set<string>();
    while (names.size < Math.max(1, Math.round(lines * FLOOD_DISTINCT_SHARE))) names.add(`${pick(userRng, pools.users)}${intBetween(userRng, 1, 99_999)}`);
    const crowd = [...names];
    floodCrowds.set(group, crowd);
    return crowd;
  };
  const floodTyped = new Map<number, number>();
  const money = (amount: number) => ({ amount: Math.round(amount * 100) / 100, currency: pools.currency });
  return plan.chat.map((line): RenderedChatLine => {
    if (line.category === 'gift') {
      const gift = pick(textRng, pools.gifts);
      const count = gift.price < 1 ? intBetween(textRng, 1, 10) : 1;
      return { t: line.t, user: viewer(), text: `${gift.name} x${count}`, kind: 'gift', ...money(gift.price * count) };
    }
    if (line.category === 'paid' || line.category === 'bigPaid') {
      const amount = line.category === 'bigPaid' ? pools.bigPaidAmount : pick(textRng, pools.paidAmounts);
      return { t: line.t, user: viewer(), text: pick(textRng, pools.paid), kind: 'paid', ...money(amount) };
    }
    if (line.category === 'flood' && line.group !== undefined) {
      // Every crowd member types once before anyone types twice, so a flood of n lines has ~0.85n distinct viewers.
      const crowd = floodCrowd(line.group);
      const typed = floodTyped.get(line.group) ?? 0;
      floodTyped.set(line.group, typed + 1);
      const user = typed < crowd.length ? crowd[typed] : pick(userRng, crowd);
      return { t: line.t, user: user ?? 'viewer', text: line.text ?? '1' };
    }
    if (line.group === undefined) return { t: line.t, user: viewer(), text: pick(textRng, poolOf[line.category]) };
    let group = groups.get(line.group);
    if (group === undefined) {
      // spam: one account, one line repeated; raid: one raiding channel; a rant: one or two viewers.
      const groupUsers =
        line.category === 'spam' ? [pick(userRng, pools.spamUsers)] : line.category === 'negative' ? [viewer(), viewer()] : [];
      group = { users: groupUsers, text: line.category === 'raid' ? pick(textRng, pools.raiders) : pick(textRng, poolOf[line.category]) };
      groups.set(line.group, group);
    }
    const user = group.users.length > 0 ? pick(userRng, group.users) : viewer();
    const text = line.category === 'raid' ? pick(textRng, pools.raid).replaceAll('{raider}', group.text) : group.text;
    return { t: line.t, user, text };
  });
}

/** Extra set-level facts for show.json's `generator` block. */
export type GeneratorFacts = Readonly<Record<string, number | string>>;

/** Every file of a labelled show, as strings ready to write. */
export function renderShowFiles(plan: ShowPlan, facts: GeneratorFacts = {}): Record<LabelledShowFile, string> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const show = {
    id: plan.id,
    language: plan.language,
    duration: plan.duration,
    source: 'generated',
    generator: {
      name: LABELLED_SHOW_GENERATOR_NAME,
      version: LABELLED_SHOW_GENERATOR_VERSION,
      seed: plan.seed,
      chatRate: plan.chatRate,
      baseLufs: plan.baseLufs,
      audience: plan.audience,
      speechRate: plan.speechRate,
      moments: plan.moments.length,
      distractors: plan.distractors.length,
      distractorsWanted: plan.distractorsWanted,
      ...(plan.confounders.length > 0 ? { confounders: plan.confounders.length } : {}),
      ...facts,
    },
  };
  const captions = stringifySync(
    plan.cues.map((cue) => ({
      type: 'cue' as const,
      data: { start: Math.round(cue.start * 1000), end: Math.round(cue.end * 1000), text: cue.text },
    })),
    { format: 'SRT' },
  );
  const chat = renderChat(plan)
    .map((line) => JSON.stringify(line))
    .join('\n');
  const metrics = ['t,viewers,orders,gmv', ...plan.metrics.map((r) => `${r.t},${r.viewers},${r.orders},${r.gmv.toFixed(2)}`)].join('\n');
  return {
    'show.json': json(show),
    'labels.json': json(plan.moments.map(({ start, end, kind }) => ({ start, end, kind }))),
    // One line: the per-second array of a 2-hour show would otherwise be 7,200 lines.
    'signals.json': `${JSON.stringify(renderSignals(plan))}\n`,
    'captions.srt': captions,
    'chat.jsonl': chat.length > 0 ? `${chat}\n` : '',
    'metrics.csv': `${metrics}\n`,
    'products.json': json(plan.products.map(({ name, aliases, price }) => ({ name, aliases, price }))),
    'truth.json': json({
      moments: plan.moments.map(({ start, end, kind, signals, strength, product, effects }) => ({
        start,
        end,
        kind,
        signals,
        strength,
        product,
        effects,
      })),
      distractors: plan.distractors.map(({ start, end, kind, signals, strength, effects }) => ({
        start,
        end,
        kind,
        signals,
        strength,
        effects,
      })),
      // Only shows with confounders carry the key, so sets without them stay byte-identical.
      ...(plan.confounders.length > 0
        ? { confounders: plan.confounders.map(({ start, end, kind, promptAt, token, effects }) => ({ start, end, kind, promptAt, token, effects })) }
        : {}),
    }),
  };
}
