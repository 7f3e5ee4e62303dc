import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import { ReasonTally } from '../../shared/core/inputs/reasonTally.js';
import { parseTwitchDownloaderJson, sniffTwitchDownloaderJson, TWITCH_JSON_SKIP } from '../../shared/core/inputs/twitchDownloaderJson.js';
import { parseTwitchIrc, sniffTwitchIrc, TWITCH_IRC_NOTE_BAD_SENT_TS, TWITCH_IRC_SKIP } from '../../shared/core/inputs/twitchIrc.js';
import type { ChatMessage } from '../../shared/core/types.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';

const CHAT_DATA = resolve(SHARED_DATA, 'chat');
const REAL_JSON = resolve(CHAT_DATA, 'twitch-chat-replay/1087079172.json');
const REAL_IRC = resolve(CHAT_DATA, 'twitch_chat_analysis/chat_admiralbulldog_4_30.log');

/** Files of the other chat formats, which neither Twitch sniffer may claim. */
const OTHER_FORMATS: Record<string, string> = {
  jsonl: '{"t": 1, "user": "ann", "text": "hi PRIVMSG #chan"}\n{"t": 2, "user": "bob", "text": "yo"}\n{"t": 3, "user": "cy", "text": "ok"}',
  'bilibili xml': '<?xml version="1.0"?><i><chatid>1</chatid><d p="1.5,1,25,16777215,1600000000,0,abc,1">你好</d></i>',
  csv: 't,user,text\n1,ann,hello\n2,bob,"PRIVMSG #x"\n3,cy,ok',
  'csv with iso times': '2019-04-30T08:56:59Z,ann,hello\n2019-04-30T08:57:00Z,bob,PRIVMSG #x\n2019-04-30T08:57:01Z,cy,ok',
  'youtube replay json': '{"continuationContents": {"liveChatContinuation": {"actions": [{"replayChatItemAction": {"videoOffsetTimeMsec": "1000"}}]}}}',
  'json without comments': '{"video": {"id": "1"}, "messages": [{"content_offset_seconds": 1}]}',
  'comment objects as json lines': '{"_id": "a", "content_offset_seconds": 1, "message": {"body": "hi"}}\n{"_id": "b", "content_offset_seconds": 2}',
  'plain text': 'hello there\nthis is just a note\nabout PRIVMSG #channel things',
  garbage: '\u0001\u0002 }{ ][ ;;; <<>>',
  empty: '',
};

function parsedJson(document: unknown): { messages: ChatMessage[]; tally: ReasonTally } {
  const tally = new ReasonTally();
  const messages = parseTwitchDownloaderJson(typeof document === 'string' ? document : JSON.stringify(document), tally, {});
  return { messages, tally };
}

function parsedIrc(text: string, recordingStartMs?: number): { messages: ChatMessage[]; tally: ReasonTally } {
  const tally = new ReasonTally();
  const messages = parseTwitchIrc(text, tally, recordingStartMs === undefined ? {} : { recordingStartMs });
  return { messages, tally };
}

/** A comment in the legacy v5 shape (the one twitch-chat-replay stores). */
function v5Comment(offset: unknown, body: string, extra: { name?: string; notice?: Record<string, string>; bits?: number } = {}): unknown {
  const name = extra.name ?? 'viewer';
  return {
    _id: `id-${String(offset)}`,
    created_at: '2021-07-15T02:01:48.74506207Z',
    content_offset_seconds: offset,
    commenter: { display_name: name, _id: '1', name: name.toLowerCase() },
    message: {
      body,
      fragments: [{ text: body }],
      is_action: false,
      user_badges: [],
      user_notice_params: extra.notice ?? {},
      ...(extra.bits === undefined ? {} : { bits_spent: extra.bits }),
    },
  };
}

describe('TwitchDownloader / v5 chat JSON', () => {
  it('parses TwitchDownloader output: offsets as t, display names, emote names kept in the text', () => {
    // Prepare: TwitchDownloader writes compact JSON, `bits_spent: 0` everywhere and `msg_id: null`.
    const document = {
      FileInfo: { Version: { Major: 1, Minor: 4, Patch: 0 }, CreatedAt: '2024-01-01T00:00:00Z' },
      streamer: { name: 'Streamer', id: 42 },
      video: { title: 'VOD', id: '1', created_at: '2024-01-01T00:00:00Z', start: 0, end: 600, length: 600, chapters: [] },
      comments: [
        {
          _id: 'a',
          created_at: '2024-06-01T00:00:00Z',
          content_offset_seconds: 3.25,
          commenter: { display_name: 'Ann', _id: '7', name: 'ann' },
          message: {
            body: 'Kappa that was close',
            bits_spent: 0,
            fragments: [{ text: 'Kappa', emoticon: { emoticon_id: '25' } }, { text: ' that was close', emoticon: null }],
            user_badges: [],
            user_color: '#FF0000',
            user_notice_params: { msg_id: null },
            emoticons: [{ _id: '25', begin: 0, end: 5 }],
          },
        },
        {
          _id: 'b',
          created_at: '2024-06-01T00:00:00Z',
          content_offset_seconds: 10,
          commenter: { display_name: '', _id: '8', name: 'bob' },
          message: { body: '  LUL   LUL ', bits_spent: 0, fragments: [], user_badges: [], user_notice_params: null, emoticons: [] },
        },
      ],
      embeddedData: null,
    };

    // Act
    const { messages, tally } = parsedJson(document);

    // Assess
    expect(messages).toEqual([
      { t: 3.25, user: 'Ann', text: 'Kappa that was close', kind: 'message' },
      { t: 10, user: 'bob', text: 'LUL LUL', kind: 'message' },
    ]);
    expect(tally.report('twitch-downloader-json', 2)).toEqual({
      format: 'twitch-downloader-json',
      accepted: 2,
      skipped: 0,
      skippedReasons: {},
    });
  });

  it('turns sub notices into member events, keeping what the subscriber typed', () => {
    const document = {
      video: { id: '1' },
      comments: [
        v5Comment(169, "SikNharley subscribed with Prime. They've subscribed for 25 months! ", {
          name: 'SikNharley',
          notice: { 'msg-id': 'resub', 'msg-param-cumulative-months': '25', 'msg-param-sub-plan': 'Prime' },
        }),
        v5Comment(
          1160,
          "BrandonRare subscribed at Tier 1. They've subscribed for 13 months, currently on a 2 month streak! Gimme dat Cholula",
          { name: 'BrandonRare', notice: { 'msg-id': 'resub', 'msg-param-cumulative-months': '13', 'msg-param-sub-plan': '1000' } },
        ),
        v5Comment(1197, 'jomanrosi59 subscribed with Prime. ', {
          name: 'jomanrosi59',
          notice: { 'msg-id': 'sub', 'msg-param-cumulative-months': '1', 'msg-param-sub-plan': 'Prime' },
        }),
        // A wording we do not know: the whole body is kept rather than guessing where the typed part starts.
        v5Comment(1200, 'Zed hat mit Prime abonniert. Hallo!', {
          name: 'Zed',
          notice: { 'msg-id': 'resub', 'msg-param-cumulative-months': '3', 'msg-param-sub-plan': 'Prime' },
        }),
        v5Comment(1300, 'Amy converted from a Prime sub to a Tier 1 sub!', {
          name: 'Amy',
          notice: { 'msg-id': 'primepaidupgrade', 'msg-param-sub-plan': '1000' },
        }),
      ],
    };

    const { messages } = parsedJson(document);

    expect(messages).toEqual([
      { t: 169, user: 'SikNharley', text: 'subscribed (Prime, 25 months)', kind: 'member' },
      { t: 1160, user: 'BrandonRare', text: 'subscribed (Tier 1, 13 months): Gimme dat Cholula', kind: 'member' },
      { t: 1197, user: 'jomanrosi59', text: 'subscribed (Prime)', kind: 'member' },
      { t: 1200, user: 'Zed', text: 'Zed hat mit Prime abonniert. Hallo!', kind: 'member' },
      { t: 1300, user: 'Amy', text: 'upgraded from Prime (Tier 1)', kind: 'member' },
    ]);
  });

  it('counts gifted subs as gifts from the gifter, and a sub bomb once', () => {
    const document = {
      comments: [
        v5Comment(5, 'Gus gifted a Tier 1 sub to Hal!', {
          name: 'Gus',
          notice: { 'msg-id': 'subgift', 'msg-param-sub-plan': '1000', 'msg-param-recipient-display-name': 'Hal' },
        }),
        v5Comment(6, "Ivy is gifting 3 Tier 1 Subs to Streamer's community!", {
          name: 'Ivy',
          notice: { 'msg-id': 'submysterygift', 'msg-param-sub-plan': '1000', 'msg-param-mass-gift-count': '3', 'msg-param-community-gift-id': 'G1' },
        }),
        ...['Jo', 'Kai', 'Lu'].map((recipient) =>
          v5Comment(6, `Ivy gifted a Tier 1 sub to ${recipient}!`, {
            name: 'Ivy',
            notice: { 'msg-id': 'subgift', 'msg-param-sub-plan': '1000', 'msg-param-community-gift-id': 'G1', 'msg-param-recipient-display-name': recipient },
          }),
        ),
      ],
    };

    const { messages, tally } = parsedJson(document);

    expect(messages).toEqual([
      { t: 5, user: 'Gus', text: 'gifted a Tier 1 sub to Hal', kind: 'gift', amount: 1, currency: 'subs' },
      { t: 6, user: 'Ivy', text: 'gifted 3 Tier 1 subs', kind: 'gift', amount: 3, currency: 'subs' },
    ]);
    expect(tally.report('twitch-downloader-json', 2).skippedReasons).toEqual({ [TWITCH_JSON_SKIP.massGiftPart]: 3 });
  });

  it('reads cheers as paid messages in bits, from bits_spent or the cheermotes in the body', () => {
    const document = {
      comments: [
        v5Comment(1, 'Cheer100 great play', { bits: 100 }),
        // Legacy exports without bits_spent: the cheermote itself says bits were spent (any case).
        v5Comment(2, 'cheer50 again'),
        // TwitchDownloader records only the first cheermote's bits: the body total wins.
        v5Comment(3, 'Cheer100 Kappa50 wow', { bits: 100 }),
        // Not cheermotes: a number glued to a non-cheer word, or standing apart.
        v5Comment(4, 'Cheer 100 LUL100 Cheer100x'),
      ],
    };

    const { messages } = parsedJson(document);

    expect(messages.map(({ kind, amount, currency }) => ({ kind, amount, currency }))).toEqual([
      { kind: 'paid', amount: 100, currency: 'bits' },
      { kind: 'paid', amount: 50, currency: 'bits' },
      { kind: 'paid', amount: 150, currency: 'bits' },
      { kind: 'message', amount: undefined, currency: undefined },
    ]);
    expect(messages[0]?.text).toBe('Cheer100 great play');
  });

  it('measures t from video.start of a trimmed TwitchDownloader download, never from created_at', () => {
    const document = { video: { start: 90, end: 200 }, comments: [v5Comment(100, 'in'), v5Comment(80, 'before the trim'), v5Comment(90, 'at start')] };

    const { messages, tally } = parsedJson(document);

    expect(messages.map((m) => [m.t, m.text])).toEqual([
      [10, 'in'],
      [0, 'at start'],
    ]);
    expect(tally.report('x', 2).skippedReasons).toEqual({ [TWITCH_JSON_SKIP.beforeStart]: 1 });
  });

  it('skips and counts every unusable comment under its reason, never failing the file', () => {
    const document = {
      comments: [
        v5Comment(1, 'kept'),
        'not a comment',
        null,
        [1, 2],
        { message: { body: 'no offset' } },
        v5Comment('soon', 'bad offset'),
        v5Comment(-2, 'before start'),
        { content_offset_seconds: 4, commenter: { display_name: 'x' }, message: { body: 42 } },
        { content_offset_seconds: 5, commenter: null },
        v5Comment(6, '   '),
        // No body but fragments: rebuilt from them; a numeric-string offset is read as a number.
        { content_offset_seconds: '7.5', commenter: { name: 'frag' }, message: { fragments: [{ text: 'from ' }, { text: 'fragments' }] } },
      ],
    };

    const { messages, tally } = parsedJson(document);

    expect(messages).toEqual([
      { t: 1, user: 'viewer', text: 'kept', kind: 'message' },
      { t: 7.5, user: 'frag', text: 'from fragments', kind: 'message' },
    ]);
    expect(tally.report('x', 2)).toEqual({
      format: 'x',
      accepted: 2,
      skipped: 9,
      skippedReasons: {
        [TWITCH_JSON_SKIP.notObject]: 3,
        [TWITCH_JSON_SKIP.missingOffset]: 1,
        [TWITCH_JSON_SKIP.invalidOffset]: 1,
        [TWITCH_JSON_SKIP.beforeStart]: 1,
        [TWITCH_JSON_SKIP.missingBody]: 2,
        [TWITCH_JSON_SKIP.emptyText]: 1,
      },
    });
  });

  it('accepts an empty comments array, and throws a readable InputError for a truncated or comment-less document', () => {
    expect(parsedJson({ video: {}, comments: [] }).messages).toEqual([]);

    const truncated = JSON.stringify({ comments: [v5Comment(1, 'a'), v5Comment(2, 'b')] }).slice(0, 120);
    expect(sniffTwitchDownloaderJson(truncated)).toBe(true);
    expect(() => parsedJson(truncated)).toThrow(InputError);
    expect(() => parsedJson(truncated)).toThrow(/not valid JSON .*is the file complete/);
    expect(() => parsedJson({ comments: 'none' })).toThrow(/no "comments" array/);
  });

  it('sniffs compact, indented and BOM-prefixed documents, and rejects the other formats', () => {
    const document = { video: { id: '1' }, comments: [v5Comment(1, 'a')] };
    expect(sniffTwitchDownloaderJson(JSON.stringify(document))).toBe(true);
    expect(sniffTwitchDownloaderJson(JSON.stringify(document, null, 4))).toBe(true);
    expect(sniffTwitchDownloaderJson(`\uFEFF${JSON.stringify(document)}`)).toBe(true);
    expect(sniffTwitchDownloaderJson(IRC_RECORDER_LOG)).toBe(false);
    for (const [name, text] of Object.entries(OTHER_FORMATS)) expect(sniffTwitchDownloaderJson(text), name).toBe(false);
  });
});

/** The twitch_chat_analysis recorder: blank-line separated records, welcome lines, logger noise at the end. */
const IRC_RECORDER_LOG = [
  '2019-04-30_08:56:59 ;;; START OF RECORDED CHAT MESSAGES FROM CHANNEL: ADMIRALBULLDOG',
  '',
  '2019-04-30_08:56:59 ;;; :tmi.twitch.tv 001 ticklebits :Welcome, GLHF!',
  ':tmi.twitch.tv 002 ticklebits :Your host is tmi.twitch.tv',
  ':tmi.twitch.tv 376 ticklebits :>',
  '',
  '2019-04-30_08:56:59 ;;; :ticklebits!ticklebits@ticklebits.tmi.twitch.tv JOIN #admiralbulldog',
  ':ticklebits.tmi.twitch.tv 353 ticklebits = #admiralbulldog :ticklebits',
  '',
  '2019-04-30_08:57:01 ;;; :laudon!laudon@laudon.tmi.twitch.tv PRIVMSG #admiralbulldog :gachiHYPER',
  '',
  // Two messages in one record: the second inherits the record's time.
  '2019-04-30_08:58:12 ;;; :thananonth55!thananonth55@thananonth55.tmi.twitch.tv PRIVMSG #admiralbulldog :LULW',
  ':quote_me!quote_me@quote_me.tmi.twitch.tv PRIVMSG #admiralbulldog :OMEGA',
  '',
  '2019-04-30_09:03:08 ;;; :admiralbullbot!admiralbullbot@admiralbullbot.tmi.twitch.tv PRIVMSG #admiralbulldog :\u0001ACTION Betting has been opened\u0001',
  '',
  '2019-04-30_12:12:02 ;;; RECORDING INTERRUPTED BY USER',
  '',
  '2019-05-03_07:57:43 ;;; matplotlib version 3.0.3',
  '2019-05-03_08:15:38 ;;; diff parser start',
].join('\r\n');

describe('Twitch IRC logs', () => {
  it('reads the twitch_chat_analysis recorder: t from the first line, welcome and logger lines counted, CRLF', () => {
    const { messages, tally } = parsedIrc(IRC_RECORDER_LOG);

    expect(messages).toEqual([
      { t: 2, user: 'laudon', text: 'gachiHYPER', kind: 'message' },
      { t: 73, user: 'thananonth55', text: 'LULW', kind: 'message' },
      { t: 73, user: 'quote_me', text: 'OMEGA', kind: 'message' },
      { t: 369, user: 'admiralbullbot', text: 'Betting has been opened', kind: 'message' },
    ]);
    expect(tally.report('twitch-irc', 4)).toEqual({
      format: 'twitch-irc',
      accepted: 4,
      skipped: 9,
      skippedReasons: { [TWITCH_IRC_SKIP.notChatLine]: 9 },
    });
  });

  it('measures t from options.recordingStartMs when given, skipping what came before it', () => {
    const start = Date.UTC(2019, 3, 30, 8, 58, 0);

    const { messages, tally } = parsedIrc(IRC_RECORDER_LOG, start);

    expect(messages.map((m) => [m.t, m.text])).toEqual([
      [12, 'LULW'],
      [12, 'OMEGA'],
      [308, 'Betting has been opened'],
    ]);
    expect(tally.report('x', 3).skippedReasons).toEqual({ [TWITCH_IRC_SKIP.notChatLine]: 9, [TWITCH_IRC_SKIP.beforeStart]: 1 });
  });

  it('reads chat-logger lines: [date time] <nick>, ISO prefixes with fractions and zones, raw IRC behind a prefix', () => {
    const text = [
      '[2019-04-30 08:56:59] <ann> hello there',
      '[2019-04-30 08:57:00] <@mod> please be nice',
      '2019-04-30T08:57:01.500Z <bob> Cheer100 nice',
      // 10:57:03+02:00 is 08:57:03 UTC.
      '2019-04-30T10:57:03+02:00 :cy!cy@cy.tmi.twitch.tv PRIVMSG #chan :zone aware',
      '[2019-04-30 08:57:04] -!- dee has joined #chan',
    ].join('\n');

    const { messages, tally } = parsedIrc(text);

    expect(messages).toEqual([
      { t: 0, user: 'ann', text: 'hello there', kind: 'message' },
      { t: 1, user: 'mod', text: 'please be nice', kind: 'message' },
      { t: 2.5, user: 'bob', text: 'Cheer100 nice', kind: 'paid', amount: 100, currency: 'bits' },
      { t: 4, user: 'cy', text: 'zone aware', kind: 'message' },
    ]);
    expect(tally.report('x', 4).skippedReasons).toEqual({ [TWITCH_IRC_SKIP.notChatLine]: 1 });
  });

  it('reads raw IRCv3 lines: tmi-sent-ts, display names, bits, sub and gift notices', () => {
    const base = Date.UTC(2024, 0, 1, 20, 0, 0);
    const tagged = (offsetMs: number, tags: string, rest: string): string => `@${tags};tmi-sent-ts=${base + offsetMs} ${rest}`;
    const text = [
      ':tmi.twitch.tv 001 justinfan123 :Welcome, GLHF!',
      `@emote-only=0;room-id=1 :tmi.twitch.tv ROOMSTATE #chan`,
      tagged(0, 'badge-info=;display-name=Ann', ':ann!ann@ann.tmi.twitch.tv PRIVMSG #chan :first'),
      tagged(1500, 'display-name=Bob\\sthe\\:Builder', ':bob!bob@bob.tmi.twitch.tv PRIVMSG #chan :escaped name'),
      tagged(2000, 'bits=250;display-name=Cy', ':cy!cy@cy.tmi.twitch.tv PRIVMSG #chan :cheer250 take my bits'),
      // Tags are authoritative: a cheer-like word without the bits tag is a plain message.
      tagged(2500, 'display-name=', ':dee!dee@dee.tmi.twitch.tv PRIVMSG #chan :Kappa10 no bits here'),
      tagged(3000, 'display-name=Eve;login=eve;msg-id=resub;msg-param-cumulative-months=12;msg-param-sub-plan=1000;system-msg=Eve\\ssubscribed', ':tmi.twitch.tv USERNOTICE #chan :a year already'),
      tagged(4000, 'display-name=Fay;login=fay;msg-id=sub;msg-param-cumulative-months=1;msg-param-sub-plan=Prime', ':tmi.twitch.tv USERNOTICE #chan'),
      tagged(5000, 'display-name=Gus;login=gus;msg-id=submysterygift;msg-param-mass-gift-count=2;msg-param-sub-plan=2000;msg-param-community-gift-id=9', ':tmi.twitch.tv USERNOTICE #chan'),
      tagged(5001, 'display-name=Gus;login=gus;msg-id=subgift;msg-param-sub-plan=2000;msg-param-community-gift-id=9;msg-param-recipient-display-name=Hal', ':tmi.twitch.tv USERNOTICE #chan'),
      tagged(5002, 'display-name=Gus;login=gus;msg-id=subgift;msg-param-sub-plan=2000;msg-param-community-gift-id=9;msg-param-recipient-display-name=Ian', ':tmi.twitch.tv USERNOTICE #chan'),
      tagged(6000, 'display-name=Jo;login=jo;msg-id=subgift;msg-param-sub-plan=1000;msg-param-recipient-display-name=Kim', ':tmi.twitch.tv USERNOTICE #chan'),
      tagged(7000, 'display-name=Raider;login=raider;msg-id=raid;msg-param-viewerCount=50', ':tmi.twitch.tv USERNOTICE #chan'),
      tagged(8000, 'display-name=Mod;login=mod;msg-id=announcement', ':tmi.twitch.tv USERNOTICE #chan :be kind'),
      tagged(9000, 'display-name=Lu', ':lu!lu@lu.tmi.twitch.tv PRIVMSG #chan :\u0001ACTION waves\u0001'),
      'PING :tmi.twitch.tv',
    ].join('\n');

    const { messages, tally } = parsedIrc(text);

    expect(messages).toEqual([
      { t: 0, user: 'Ann', text: 'first', kind: 'message' },
      { t: 1.5, user: 'Bob the;Builder', text: 'escaped name', kind: 'message' },
      { t: 2, user: 'Cy', text: 'cheer250 take my bits', kind: 'paid', amount: 250, currency: 'bits' },
      { t: 2.5, user: 'dee', text: 'Kappa10 no bits here', kind: 'message' },
      { t: 3, user: 'Eve', text: 'subscribed (Tier 1, 12 months): a year already', kind: 'member' },
      { t: 4, user: 'Fay', text: 'subscribed (Prime)', kind: 'member' },
      { t: 5, user: 'Gus', text: 'gifted 2 Tier 2 subs', kind: 'gift', amount: 2, currency: 'subs' },
      { t: 6, user: 'Jo', text: 'gifted a Tier 1 sub to Kim', kind: 'gift', amount: 1, currency: 'subs' },
      { t: 8, user: 'Mod', text: 'be kind', kind: 'message' },
      { t: 9, user: 'Lu', text: 'waves', kind: 'message' },
    ]);
    // The welcome line has no time, so t = 0 is the first line that has one (Ann's).
    expect(tally.report('x', 10).skippedReasons).toEqual({
      [TWITCH_IRC_SKIP.notChatLine]: 3,
      [TWITCH_IRC_SKIP.massGiftPart]: 2,
      [TWITCH_IRC_SKIP.otherNotice]: 1,
    });
  });

  it('aligns a zone-less local-time prefix with tmi-sent-ts, and falls back to the prefix for a bad tmi-sent-ts', () => {
    // The recorder writes local time (UTC+2) without a zone; Twitch stamps UTC epoch ms.
    const sent = Date.UTC(2024, 0, 1, 20, 0, 5, 250);
    const text = [
      '[2024-01-01 22:00:00] :tmi.twitch.tv 001 justinfan :Welcome, GLHF!',
      `[2024-01-01 22:00:05] @display-name=Ann;tmi-sent-ts=${sent} :ann!ann@ann.tmi.twitch.tv PRIVMSG #chan :hi`,
      '[2024-01-01 22:00:09] @display-name=Bob;tmi-sent-ts=soon :bob!bob@bob.tmi.twitch.tv PRIVMSG #chan :yo',
    ].join('\n');

    const { messages, tally } = parsedIrc(text);

    expect(messages.map((m) => [m.t, m.user])).toEqual([
      [5.25, 'Ann'],
      [9, 'Bob'],
    ]);
    expect(tally.report('x', 2)).toEqual({
      format: 'x',
      accepted: 2,
      skipped: 1,
      skippedReasons: { [TWITCH_IRC_SKIP.notChatLine]: 1, [TWITCH_IRC_NOTE_BAD_SENT_TS]: 1 },
    });
  });

  it('skips and counts every unusable line under its reason, never failing the file', () => {
    const text = [
      '2019-04-30_08:56:59 ;;; :a!a@a.tmi.twitch.tv PRIVMSG #chan :kept',
      '2019-04-30_08:56:58 ;;; :b!b@b.tmi.twitch.tv PRIVMSG #chan :clock went back',
      '2019-02-30_09:00:00 ;;; :c!c@c.tmi.twitch.tv PRIVMSG #chan :no such day',
      // A continuation of the record with the impossible date: its time is unknown too.
      ':d!d@d.tmi.twitch.tv PRIVMSG #chan :continuation',
      '2019-04-30_09:00:01 ;;; :e!e@e.tmi.twitch.tv PRIVMSG #chan :   ',
      '2019-04-30_09:00:02 ;;; :f!f@f.tmi.twitch.tv PRIVMSG #chan :\u0001ACTION\u0001',
      '2019-04-30_09:00:03 ;;; some logger line',
      '2019-04-30_09:00:04 ;;; @msg-id=unraid;login=g :tmi.twitch.tv USERNOTICE #chan',
      '2019-04-30_09:00:05 ;;; @msg-id=subgift;login=h;msg-param-community-gift-id=1 :tmi.twitch.tv USERNOTICE #chan',
      '2019-04-30_09:00:06 ;;; :i!i@i.tmi.twitch.tv PRIVMSG #chan :also kept',
    ].join('\n');

    const { messages, tally } = parsedIrc(text);

    expect(messages.map((m) => [m.t, m.text])).toEqual([
      [0, 'kept'],
      [187, 'also kept'],
    ]);
    expect(tally.report('x', 2)).toEqual({
      format: 'x',
      accepted: 2,
      skipped: 8,
      skippedReasons: {
        [TWITCH_IRC_SKIP.beforeStart]: 1,
        [TWITCH_IRC_SKIP.invalidTimestamp]: 1,
        [TWITCH_IRC_SKIP.noTimestamp]: 1,
        [TWITCH_IRC_SKIP.emptyText]: 2,
        [TWITCH_IRC_SKIP.notChatLine]: 1,
        [TWITCH_IRC_SKIP.otherNotice]: 1,
        [TWITCH_IRC_SKIP.massGiftPart]: 1,
      },
    });
  });

  it('skips raw lines without tmi-sent-ts or a prefix as having no timestamp', () => {
    const text = ':a!a@a.tmi.twitch.tv PRIVMSG #chan :when?\n:b!b@b.tmi.twitch.tv PRIVMSG #chan :no idea';

    const { messages, tally } = parsedIrc(text);

    expect(messages).toEqual([]);
    expect(tally.report('x', 0).skippedReasons).toEqual({ [TWITCH_IRC_SKIP.noTimestamp]: 2 });
  });

  it('returns nothing for empty or garbage input without throwing', () => {
    expect(parsedIrc('').messages).toEqual([]);
    const garbage = parsedIrc('}{ not a log\n\u0001\u0002\n<<<>>>');
    expect(garbage.messages).toEqual([]);
    expect(garbage.tally.report('x', 0).skippedReasons).toEqual({ [TWITCH_IRC_SKIP.notChatLine]: 3 });
  });

  it('sniffs every variant that has a channel message, and rejects the other formats', () => {
    expect(sniffTwitchIrc(IRC_RECORDER_LOG)).toBe(true);
    expect(sniffTwitchIrc('[2019-04-30 08:56:59] :a!a@a.tmi.twitch.tv PRIVMSG #c :hi\n[2019-04-30 08:57:00] <b> yo\n[2019-04-30 08:57:01] <c> ok')).toBe(true);
    expect(sniffTwitchIrc('@badge-info=;tmi-sent-ts=1556614619000 :nick!nick@nick.tmi.twitch.tv PRIVMSG #chan :msg')).toBe(true);
    // A chat logger without any raw PRIVMSG line is not claimed as Twitch IRC.
    expect(sniffTwitchIrc('[2019-04-30 08:56:59] <a> hi\n[2019-04-30 08:57:00] <b> yo\n[2019-04-30 08:57:01] <c> ok')).toBe(false);
    // One PRIVMSG among mostly unrelated lines is not a log either.
    expect(sniffTwitchIrc('notes\nmore notes\nyet more\n:a!a@a PRIVMSG #c :hi\nend')).toBe(false);
    expect(sniffTwitchIrc(JSON.stringify({ comments: [v5Comment(1, 'PRIVMSG #chan')] }, null, 2))).toBe(false);
    for (const [name, text] of Object.entries(OTHER_FORMATS)) expect(sniffTwitchIrc(text), name).toBe(false);
  });
});

describe.skipIf(missingTestData(REAL_JSON))('real Twitch VOD chat (twitch-chat-replay 1087079172.json)', () => {
  it('matches SOURCES.md: 3,090 messages over 0–2,922 s from 836 chatters, 21 sub/resub notices', () => {
    const text = readFileSync(REAL_JSON, 'utf8');
    expect(sniffTwitchDownloaderJson(text)).toBe(true);
    expect(sniffTwitchIrc(text)).toBe(false);

    const { messages, tally } = parsedJson(text);

    expect(messages).toHaveLength(3090);
    expect(tally.skipped).toBe(0);
    expect(messages[0]?.t).toBe(0);
    expect(Math.max(...messages.map((m) => m.t))).toBe(2922);
    expect(new Set(messages.map((m) => m.user.toLowerCase())).size).toBe(836);
    const members = messages.filter((m) => m.kind === 'member');
    expect(members).toHaveLength(21);
    expect(members.every((m) => m.text.startsWith('subscribed ('))).toBe(true);
    expect(members).toContainEqual({ t: 685, user: 'dar2401', text: 'subscribed (Prime, 8 months): subbing to not watch Tomorrow War ads', kind: 'member' });
    expect(messages.filter((m) => m.kind !== 'member' && m.kind !== 'message')).toEqual([]);
  });
});

describe.skipIf(missingTestData(REAL_IRC))('real Twitch IRC capture (twitch_chat_analysis chat_admiralbulldog_4_30.log)', () => {
  it('matches SOURCES.md: 28,844 PRIVMSG lines over 08:56:59 → 12:11:04, the rest counted as not chat', () => {
    const text = readFileSync(REAL_IRC, 'utf8');
    expect(sniffTwitchIrc(text)).toBe(true);
    expect(sniffTwitchDownloaderJson(text)).toBe(false);

    const { messages, tally } = parsedIrc(text);

    expect(messages).toHaveLength(28_844);
    expect(messages.every((m) => m.kind === 'message')).toBe(true);
    expect(messages[0]).toEqual({ t: 0, user: 'collectcalled', text: 'IF HENRIK WAS AN AniMAL', kind: 'message' });
    // 12:11:04 − 08:56:59 = 3 h 14 min 5 s.
    expect(messages.at(-1)?.t).toBe(11_645);
    // Welcome/JOIN/NAMES lines, the recorder's banners and the Python logger lines.
    expect(tally.report('x', messages.length).skippedReasons).toEqual({ [TWITCH_IRC_SKIP.notChatLine]: 127 });
    // SOURCES.md says 2,930 chatters; `grep -o ':[^ !]*!' | sort -u` on the file gives 3,171, as does the parser.
    expect(new Set(messages.map((m) => m.user)).size).toBe(3171);
    expect(messages.some((m) => m.text.includes('\u0001') || m.text.startsWith('ACTION'))).toBe(false);
  });
});
