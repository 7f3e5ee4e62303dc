/**
 * Twitch event semantics shared by the Twitch chat parsers: subscription notices and cheers.
 * TwitchDownloader / v5 JSON (`message.user_notice_params`) and IRC (`USERNOTICE` tags) carry the same
 * `msg-id` / `msg-param-*` keys, so one classification serves both. Pure: no I/O.
 */
import type { ChatEventKind } from '../types.js';
import { parsePlainNumber } from './textInput.js';

/** Skip reasons shared by the Twitch formats, as they appear in `ParseReport.skippedReasons`. */
export const TWITCH_EVENT_SKIP = {
  /** The per-recipient `subgift` notices that follow a `submysterygift`: the bomb is counted once, on its announcement. */
  massGiftPart: 'gift sub of a mass gift (counted once)',
} as const;

/** Unit of gifted subscriptions in `ChatMessage.currency` (Twitch shows no money for gifts). */
export const GIFTED_SUBS_UNIT = 'subs';
/** Unit of cheers in `ChatMessage.currency`. */
export const BITS_UNIT = 'bits';

/** A Twitch event reduced to what a `ChatMessage` keeps. */
export interface TwitchEvent {
  readonly kind: ChatEventKind;
  readonly text: string;
  readonly amount?: number;
  readonly currency?: string;
}

/** `msg-id` / `msg-param-*` values of one notice (IRC tags or JSON `user_notice_params`), values as strings. */
export type NoticeParams = ReadonlyMap<string, string>;

/** Notices that start or renew the sender's own subscription. */
const SUBSCRIBED_IDS = new Set(['sub', 'resub', 'extendsub']);
/** Notices about a subscription changing hands or tier: still the sender's membership. */
const UPGRADE_TEXT: Readonly<Record<string, string>> = {
  primepaidupgrade: 'upgraded from Prime',
  giftpaidupgrade: 'continued a gifted sub',
  anongiftpaidupgrade: 'continued a gifted sub',
};
const SINGLE_GIFT_IDS = new Set(['subgift', 'anonsubgift']);
const MASS_GIFT_IDS = new Set(['submysterygift', 'anonsubmysterygift']);

/** The notice's `msg-id`, lower-cased ('' when absent). */
export function noticeId(params: NoticeParams): string {
  return (params.get('msg-id') ?? '').trim().toLowerCase();
}

/**
 * The member/gift event of a subscription notice, `'mass-gift-part'` for a recipient line of a sub bomb,
 * or `undefined` when the notice is not about subscriptions (raid, announcement, …: the caller decides).
 * Decision: a gifted sub is a `gift` from the gifter (amount in {@link GIFTED_SUBS_UNIT}); the sender's own
 * sub, resub or upgrade is a `member` event.
 * @param userMessage what the subscriber typed with the notice ('' when nothing), appended to the text
 */
export function subscriptionEvent(params: NoticeParams, userMessage: string): TwitchEvent | 'mass-gift-part' | undefined {
  const id = noticeId(params);
  const plan = planLabel(params.get('msg-param-sub-plan'));

  if (SUBSCRIBED_IDS.has(id)) {
    const months = positiveCount(params.get('msg-param-cumulative-months'));
    const details = [plan, months !== undefined && months > 1 ? `${months} months` : undefined].filter(Boolean).join(', ');
    const said = userMessage.trim();
    return { kind: 'member', text: `subscribed${details === '' ? '' : ` (${details})`}${said === '' ? '' : `: ${said}`}` };
  }
  const upgrade = UPGRADE_TEXT[id];
  if (upgrade !== undefined) return { kind: 'member', text: plan === undefined ? upgrade : `${upgrade} (${plan})` };

  if (SINGLE_GIFT_IDS.has(id)) {
    // Recipient lines of a sub bomb share its community-gift id; the bomb itself already carries the count.
    if ((params.get('msg-param-community-gift-id') ?? '') !== '') return 'mass-gift-part';
    const recipient = params.get('msg-param-recipient-display-name') || params.get('msg-param-recipient-user-name') || '';
    const sub = plan === undefined ? 'a sub' : `a ${plan} sub`;
    return { kind: 'gift', text: `gifted ${sub}${recipient === '' ? '' : ` to ${recipient}`}`, amount: 1, currency: GIFTED_SUBS_UNIT };
  }
  if (MASS_GIFT_IDS.has(id)) {
    const count = positiveCount(params.get('msg-param-mass-gift-count')) ?? 1;
    const subs = `${count === 1 ? 'a' : count}${plan === undefined ? '' : ` ${plan}`} sub${count === 1 ? '' : 's'}`;
    return { kind: 'gift', text: `gifted ${subs}`, amount: count, currency: GIFTED_SUBS_UNIT };
  }
  return undefined;
}

/** `msg-param-sub-plan` as people say it: `Prime`, `Tier 1` (1000), `Tier 2`, `Tier 3`; undefined when absent/unknown. */
function planLabel(raw: string | undefined): string | undefined {
  const plan = (raw ?? '').trim();
  if (plan.toLowerCase() === 'prime') return 'Prime';
  const tier = /^([123])000$/.exec(plan);
  return tier === null ? undefined : `Tier ${tier[1]}`;
}

function positiveCount(raw: string | undefined): number | undefined {
  const value = parsePlainNumber(raw);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Twitch's global cheermote prefixes. A cheermote is the prefix immediately followed by the number of bits
 * (`Cheer100`, `Kappa50`), standing alone as a word; Twitch refuses to post one the sender cannot pay for,
 * so in a chat log it means bits were spent. Channel-specific cheermotes cannot be known from the log.
 */
const CHEERMOTE_PREFIXES = [
  'Cheer', 'DoodleCheer', 'HolidayCheer', 'RIPCheer', 'cheerwhal', 'BibleThumb', 'BitBoss', 'Corgo', 'uni', 'ShowLove',
  'Party', 'SeemsGood', 'Pride', 'Kappa', 'FrankerZ', 'HeyGuys', 'DansGame', 'EleGiggle', 'TriHard', 'Kreygasm', '4Head',
  'SwiftRage', 'NotLikeThis', 'FailFish', 'VoHiYo', 'PJSalt', 'MrDestructoid', 'bday', 'Shamrock', 'Streamlabs', 'Muxy',
  'Goal', 'Anon', 'Charity',
];
// Twitch matches cheermote prefixes case-insensitively ("cheer100" spends bits like "Cheer100").
const CHEERMOTE = new RegExp(`(?<=^|\\s)(?:${CHEERMOTE_PREFIXES.join('|')})([1-9]\\d{0,6})(?=\\s|$)`, 'giu');

/** Total bits of the cheermotes in a chat text (0 when none). */
export function cheerBits(text: string): number {
  // Cheap pre-check: most chat has no letter-then-digit at all, and the full pattern is costly per line.
  if (!/[a-z][1-9]/i.test(text)) return 0;
  let total = 0;
  for (const match of text.matchAll(CHEERMOTE)) total += Number(match[1]);
  return total;
}
