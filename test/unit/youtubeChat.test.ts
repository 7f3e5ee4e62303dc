import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMoneyText } from '../../shared/core/inputs/moneyText.js';
import { ReasonTally } from '../../shared/core/inputs/reasonTally.js';
import {
  GIFT_MEMBERSHIP_UNIT,
  YOUTUBE_SKIP,
  parseYoutubeReplayJson,
  parseYoutubeYtdlpJsonl,
  sniffYoutubeReplayJson,
  sniffYoutubeYtdlpJsonl,
} from '../../shared/core/inputs/youtubeLiveChat.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const REAL_REPLAY = path.join(SHARED_DATA, 'chat/youtube-pytchat/chatreplay.json');

/* ---- synthetic YouTube shapes, as the innertube API writes them ---- */

let nextId = 0;
const author = (name: string) => ({ authorName: { simpleText: name }, authorExternalChannelId: `UC${name}` });
const runs = (...parts: unknown[]) => ({ runs: parts.map((p) => (typeof p === 'string' ? { text: p } : p)) });
const item = (renderer: string, body: Record<string, unknown>) => ({
  addChatItemAction: { item: { [renderer]: { id: `id-${nextId++}`, timestampUsec: '1700000000000000', ...body } } },
});
const text = (user: string, ...parts: unknown[]) => item('liveChatTextMessageRenderer', { ...author(user), message: runs(...parts) });
const replay = (offsetMs: number | string, ...actions: unknown[]) => ({
  replayChatItemAction: { actions, videoOffsetTimeMsec: String(offsetMs) },
});
const page = (...entries: unknown[]) =>
  JSON.stringify({
    responseContext: { serviceTrackingParams: [] },
    continuationContents: { liveChatContinuation: { continuations: [], actions: entries } },
  });
const ytdlp = (...entries: unknown[]) => entries.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('\n');

function parsePage(content: string, options = {}) {
  const tally = new ReasonTally();
  const messages = parseYoutubeReplayJson(content, tally, options);
  return { messages, report: tally.report('youtube-replay-json', messages.length) };
}

function parseLines(content: string, options = {}) {
  const tally = new ReasonTally();
  const messages = parseYoutubeYtdlpJsonl(content, tally, options);
  return { messages, report: tally.report('youtube-ytdlp-jsonl', messages.length) };
}

describe('parseYoutubeReplayJson', () => {
  it('reads text messages with their offset in seconds, author and runs joined, in file order', () => {
    // Prepare
    const content = page(replay(101_308, text('ann', 'hello ', 'world')), replay('5000', text('bob', 'earlier')));

    // Act
    const { messages, report } = parsePage(content);

    // Assess
    expect(messages).toEqual([
      { t: 101.308, user: 'ann', text: 'hello world', kind: 'message' },
      { t: 5, user: 'bob', text: 'earlier', kind: 'message' },
    ]);
    expect(report).toEqual({ format: 'youtube-replay-json', accepted: 2, skipped: 0, skippedReasons: {} });
  });

  it('turns Unicode emoji runs into the emoji and custom emoji into their shortcut', () => {
    const unicode = { emoji: { emojiId: '😂', shortcuts: [':face_with_tears_of_joy:'], image: { accessibility: { accessibilityData: { label: '😂' } } } } };
    const custom = { emoji: { emojiId: 'UCabc/xyz', shortcuts: [':_kusa:'], isCustomEmoji: true } };
    const labelOnly = { emoji: { emojiId: 'UCabc/abc', isCustomEmoji: true, image: { accessibility: { accessibilityData: { label: 'wave' } } } } };
    const content = page(replay(1000, text('ann', 'lol', unicode, 'so', custom, 'funny', labelOnly)));

    const { messages } = parsePage(content);

    expect(messages.map((m) => m.text)).toEqual(['lol😂so :_kusa: funny wave']);
  });

  it('reads every renderer kind: Super Chat, Super Sticker, membership, gifted memberships', () => {
    const content = page(
      replay(
        10_000,
        item('liveChatPaidMessageRenderer', { ...author('rich'), purchaseAmountText: { simpleText: '¥1,000' }, message: runs('great show') }),
        item('liveChatPaidMessageRenderer', { ...author('quiet'), purchaseAmountText: { simpleText: 'CA$2.00' } }),
        item('liveChatPaidStickerRenderer', {
          ...author('sticky'),
          purchaseAmountText: { simpleText: '$5.00' },
          sticker: { accessibility: { accessibilityData: { label: 'Cake' } } },
        }),
        item('liveChatMembershipItemRenderer', { ...author('newbie'), headerSubtext: runs('Welcome to ', 'The Channel', '!') }),
        item('liveChatMembershipItemRenderer', {
          ...author('loyal'),
          headerPrimaryText: runs('Member for ', '12', ' months'),
          headerSubtext: { simpleText: 'Fan club' },
          message: runs('still here'),
        }),
        item('liveChatSponsorshipsGiftPurchaseAnnouncementRenderer', {
          authorExternalChannelId: 'UCgiver',
          header: {
            liveChatSponsorshipsHeaderRenderer: { authorName: { simpleText: 'giver' }, primaryText: runs('Gifted ', '5', ' The Channel 2 memberships') },
          },
        }),
      ),
    );

    const { messages, report } = parsePage(content);

    expect(messages).toEqual([
      { t: 10, user: 'rich', text: 'great show', kind: 'paid', amount: 1000, currency: 'JPY' },
      { t: 10, user: 'quiet', text: 'Super Chat CA$2.00', kind: 'paid', amount: 2, currency: 'CAD' },
      { t: 10, user: 'sticky', text: 'Super Sticker: Cake', kind: 'paid', amount: 5, currency: 'USD' },
      { t: 10, user: 'newbie', text: 'Welcome to The Channel!', kind: 'member' },
      { t: 10, user: 'loyal', text: 'Member for 12 months (Fan club): still here', kind: 'member' },
      { t: 10, user: 'giver', text: 'Gifted 5 The Channel 2 memberships', kind: 'gift', amount: 5, currency: GIFT_MEMBERSHIP_UNIT },
    ]);
    expect(report.skipped).toBe(0);
  });

  it('falls back to the channel id when the author name is missing', () => {
    const content = page(replay(0, item('liveChatTextMessageRenderer', { authorExternalChannelId: 'UCnoname', message: runs('hi') })));

    expect(parsePage(content).messages).toEqual([{ t: 0, user: 'UCnoname', text: 'hi', kind: 'message' }]);
  });

  it('skips and counts every unusable action under its reason', () => {
    const content = page(
      replay(1000, text('ok', 'kept')),
      replay(2000, item('liveChatPlaceholderItemRenderer', {})),
      replay(3000, item('liveChatViewerEngagementMessageRenderer', { message: runs('Welcome to live chat!') })),
      replay(3000, item('liveChatModeChangeMessageRenderer', { text: runs('Slow mode is on') })),
      replay(4000, item('liveChatSponsorshipsGiftRedemptionAnnouncementRenderer', { ...author('lucky'), message: runs('received a gift membership') })),
      replay(5000, item('liveChatSomethingNewRenderer', {})),
      replay(6000, { addLiveChatTickerItemAction: { item: { liveChatTickerPaidMessageItemRenderer: {} } } }),
      replay(6000, { markChatItemAsDeletedAction: { targetItemId: 'x' } }),
      replay(7000, item('liveChatTextMessageRenderer', { ...author('broken'), message: { runs: 'not a list' } })),
      replay(-15_000, text('early', 'waiting for the stream')),
      { replayChatItemAction: { actions: [text('timeless', 'no offset')] } },
      replay('soon', text('wordy', 'bad offset')),
      replay(8000, text('blank', '   ')),
      replay(9000),
      { addChatItemAction: { item: {} } },
      42,
      replay(10_000, text('ok2', 'also kept')),
    );

    const { messages, report } = parsePage(content);

    expect(messages.map((m) => m.text)).toEqual(['kept', 'also kept']);
    expect(report.skippedReasons).toEqual({
      [YOUTUBE_SKIP.placeholder]: 1,
      [YOUTUBE_SKIP.systemMessage]: 2,
      [YOUTUBE_SKIP.giftRedemption]: 1,
      [YOUTUBE_SKIP.unsupportedItem]: 1,
      [YOUTUBE_SKIP.notChatItem]: 2,
      [YOUTUBE_SKIP.malformedItem]: 1,
      [YOUTUBE_SKIP.beforeStart]: 1,
      [YOUTUBE_SKIP.missingOffset]: 1,
      [YOUTUBE_SKIP.invalidOffset]: 1,
      [YOUTUBE_SKIP.emptyText]: 1,
      [YOUTUBE_SKIP.emptyReplayAction]: 1,
      [YOUTUBE_SKIP.notReplayAction]: 1,
      [YOUTUBE_SKIP.notObject]: 1,
    });
    expect(report.skipped).toBe(15);
  });

  it('keeps a Super Chat whose amount it cannot read, noting the amount', () => {
    const content = page(
      replay(1000, item('liveChatPaidMessageRenderer', { ...author('x'), purchaseAmountText: { simpleText: 'free' }, message: runs('hmm') })),
    );

    const { messages, report } = parsePage(content);

    expect(messages).toEqual([{ t: 1, user: 'x', text: 'hmm', kind: 'paid' }]);
    expect(report).toMatchObject({ accepted: 1, skipped: 0, skippedReasons: { [YOUTUBE_SKIP.unreadableAmount]: 1 } });
  });

  it('drops an item repeated by an overlapping fetch (same id)', () => {
    const once = text('ann', 'hello');
    const { messages, report } = parsePage(page(replay(1000, once), replay(1000, once)));

    expect(messages).toHaveLength(1);
    expect(report.skippedReasons).toEqual({ [YOUTUBE_SKIP.duplicate]: 1 });
  });

  it('accepts the actions at the top level, on the first page, or as a bare array', () => {
    const actions = [replay(1000, text('ann', 'hi'))];

    for (const content of [
      JSON.stringify({ actions }),
      JSON.stringify({ contents: { liveChatRenderer: { actions } } }),
      JSON.stringify(actions, null, 2),
    ]) {
      expect(sniffYoutubeReplayJson(content)).toBe(true);
      expect(parsePage(content).messages).toEqual([{ t: 1, user: 'ann', text: 'hi', kind: 'message' }]);
    }
  });

  it('counts a document that is not JSON or has no actions as one skipped record', () => {
    expect(parsePage('{"continuationContents": ').report.skippedReasons).toEqual({ [YOUTUBE_SKIP.invalidJson]: 1 });
    expect(parsePage('{"responseContext": {}}').report.skippedReasons).toEqual({ [YOUTUBE_SKIP.noActions]: 1 });
    expect(parsePage('').messages).toEqual([]);
  });
});

describe('parseYoutubeYtdlpJsonl', () => {
  it('reads replay lines (offset inside the replay action, a string) and skips broken lines', () => {
    const content = ytdlp(
      { clickTrackingParams: 'abc', ...replay('12345', text('ann', 'first')) },
      '',
      replay('20000', text('bob', 'second'), item('liveChatPaidMessageRenderer', { ...author('cat'), purchaseAmountText: { simpleText: '€2.00' } })),
      { addLiveChatTickerItemAction: { item: {} } },
      '{"replayChatItemAction": {"actions": [',
    );

    const { messages, report } = parseLines(content);

    expect(messages).toEqual([
      { t: 12.345, user: 'ann', text: 'first', kind: 'message' },
      { t: 20, user: 'bob', text: 'second', kind: 'message' },
      { t: 20, user: 'cat', text: 'Super Chat €2.00', kind: 'paid', amount: 2, currency: 'EUR' },
    ]);
    expect(report.skippedReasons).toEqual({ [YOUTUBE_SKIP.invalidJson]: 1, [YOUTUBE_SKIP.notReplayAction]: 1 });
  });

  it('reads live-capture lines (offset beside the replay action) and prefers the item time when the recording start is known', () => {
    const live = (offsetMs: number, usec: string, words: string) => ({
      replayChatItemAction: { actions: [item('liveChatTextMessageRenderer', { ...author('v'), message: runs(words), timestampUsec: usec })] },
      videoOffsetTimeMsec: String(offsetMs),
      isLive: true,
    });
    const content = ytdlp(live(-2000, '1700000000000000', 'before download'), live(3000, '1700000005000000', 'later'));

    // Without a recording start: the offsets (from the download start) are all there is.
    expect(parseLines(content).messages.map((m) => [m.t, m.text])).toEqual([[3, 'later']]);
    expect(parseLines(content).report.skippedReasons).toEqual({ [YOUTUBE_SKIP.beforeStart]: 1 });

    // With it: wall-clock item time minus recording start.
    const started = parseLines(content, { recordingStartMs: 1_699_999_999_000 });
    expect(started.messages.map((m) => [m.t, m.text])).toEqual([
      [1, 'before download'],
      [6, 'later'],
    ]);
  });
});

describe('parseMoneyText', () => {
  it.each([
    ['¥1,000', 1000, 'JPY'],
    ['$5.00', 5, 'USD'],
    ['CA$2.00', 2, 'CAD'],
    ['€2.00', 2, 'EUR'],
    ['₹100.00', 100, 'INR'],
    ['₹1,00,000.00', 100_000, 'INR'],
    ['NT$75', 75, 'TWD'],
    ['￥500', 500, 'JPY'],
    ['CN¥30.00', 30, 'CNY'],
    ['RUB\u00a0100.00', 100, 'RUB'],
    ['PHP 100.00', 100, 'PHP'],
    ['CZK 20.00', 20, 'CZK'],
    ['R$ 10,00', 10, 'BRL'],
    ['20,00 €', 20, 'EUR'],
    ['1.000,50 €', 1000.5, 'EUR'],
    ['₩10,000', 10_000, 'KRW'],
    ['£1.99', 1.99, 'GBP'],
    ['kr 50,00', 50, 'kr'],
  ])('%s -> %d %s', (shown, amount, currency) => {
    expect(parseMoneyText(shown)).toEqual({ amount, currency });
  });

  it('gives the amount alone without a symbol, and nothing without a number', () => {
    expect(parseMoneyText('250')).toEqual({ amount: 250 });
    expect(parseMoneyText('free')).toBeUndefined();
    expect(parseMoneyText('')).toBeUndefined();
  });
});

describe('YouTube sniffers', () => {
  const replayPage = page(replay(1000, text('ann', 'hi')));
  const prettyPage = JSON.stringify(JSON.parse(replayPage), null, 2);
  const ytdlpFile = ytdlp(replay('1000', text('ann', 'hi')), replay('2000', text('bob', 'yo')));
  const others = {
    'postshow JSON Lines': '{"t": 1, "user": "a", "text": "hi"}\n{"t": 2, "user": "b", "text": "replayChatItemAction"}',
    'JSON Lines mentioning the key in text': '{"t": 1, "text": "\\"replayChatItemAction\\": {}"}',
    'TwitchDownloader JSON': JSON.stringify({ comments: [{ content_offset_seconds: 1.5, commenter: { display_name: 'a' }, message: { body: 'hi' } }] }),
    'bilibili XML': '<?xml version="1.0"?><i><d p="1.0,1,25,16777215,0,0,abc,1">hi</d></i>',
    CSV: 't,user,text\n1,ann,hi',
    'Twitch IRC log': '2019-04-30_08:56:59 ;;; :nick!nick@nick.tmi.twitch.tv PRIVMSG #chan :hi',
    'other JSON': '{"items": [1, 2, 3]}',
    garbage: 'not chat at all',
    empty: '',
  };

  it('recognise their own format and not each other', () => {
    expect(sniffYoutubeReplayJson(replayPage)).toBe(true);
    expect(sniffYoutubeReplayJson(prettyPage)).toBe(true);
    expect(sniffYoutubeReplayJson(`\ufeff${prettyPage}`)).toBe(true);
    expect(sniffYoutubeYtdlpJsonl(replayPage)).toBe(false);
    expect(sniffYoutubeYtdlpJsonl(prettyPage)).toBe(false);

    expect(sniffYoutubeYtdlpJsonl(ytdlpFile)).toBe(true);
    expect(sniffYoutubeYtdlpJsonl(`\n${ytdlpFile}`)).toBe(true);
    expect(sniffYoutubeReplayJson(ytdlpFile)).toBe(false);
  });

  it.each(Object.entries(others))('reject %s', (_name, content) => {
    expect(sniffYoutubeReplayJson(content)).toBe(false);
    expect(sniffYoutubeYtdlpJsonl(content)).toBe(false);
  });
});

describe.skipIf(missingTestData(REAL_REPLAY))('real pytchat replay page (chatreplay.json)', () => {
  it('reads the 48 chat items (47 text + 1 Super Chat) and skips the placeholder', () => {
    const content = readFileSync(REAL_REPLAY, 'utf8');

    expect(sniffYoutubeReplayJson(content)).toBe(true);
    expect(sniffYoutubeYtdlpJsonl(content)).toBe(false);
    const { messages, report } = parsePage(content);

    expect(report).toEqual({
      format: 'youtube-replay-json',
      accepted: 48,
      skipped: 1,
      skippedReasons: { [YOUTUBE_SKIP.placeholder]: 1 },
    });
    expect(messages.filter((m) => m.kind === 'message')).toHaveLength(47);
    expect(messages.filter((m) => m.kind === 'paid')).toEqual([
      { t: 3269.119, user: 'Svatopluk Čech', text: 'Hello from Czech Republic', kind: 'paid', amount: 20, currency: 'CZK' },
    ]);
    const times = messages.map((m) => m.t);
    expect(Math.min(...times)).toBe(101.308);
    expect(Math.max(...times)).toBe(3747.045);
    expect(messages[0]).toEqual({ t: 101.308, user: 'だにょぉぉーん Frisk', text: 'や', kind: 'message' });
    expect(messages.every((m) => m.user !== '' && m.text !== '')).toBe(true);
  });
});
