import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuestion } from '../../shared/core/chat/index.js';
import { clipCopy, copyComplianceFlags, copyProblems, MAX_TITLE_CHARS, showClipCopy, toHashtag } from '../../shared/core/clips/index.js';
import { assembleHighlightInputs, detectHighlights } from '../../shared/core/highlights/index.js';
import { highlightMaterial } from '../../shared/core/highlights/highlightMaterial.js';
import type { HighlightInputs } from '../../shared/core/highlights/index.js';
import { parseChatLog } from '../../shared/core/inputs/chatLog.js';
import { keywords } from '../../shared/core/text/index.js';
import type { ClipCopy, FiredSignal, Highlight, Language, SentimentScore } from '../../shared/core/types.js';
import { missingTestData, SHARED_DATA } from '../helpers/sharedData.js';
import { posted, said } from '../helpers/streamClock.js';

const NEUTRAL: SentimentScore = { score: 0, hits: 0 };
const fired = (name: FiredSignal['name'], at = 610): FiredSignal => ({ name, value: 6, threshold: 3, at, detail: `${name} z=6.0` });
const chars = (text: string): number => Array.from(text).length;

function highlight(overrides: Partial<Highlight>): Highlight {
  return {
    id: 'h0123456789',
    rank: 1,
    start: 600,
    end: 630,
    score: 12,
    peak: 610,
    signals: [fired('chatRate')],
    transcript: [],
    chat: [],
    products: [],
    ...overrides,
  };
}

const copyOf = (h: Highlight, language: Language, extra: { channel?: string } = {}): ClipCopy => clipCopy(h, { language, keywordsOf: keywords, ...extra });
const allText = (copy: ClipCopy): string => [copy.title, copy.description, ...copy.hashtags].join('\n');

describe('clipCopy on an English show transcribed by pocketsphinx', () => {
  // Prepare: what the demo show gives the detector. The recogniser misheard the host (unreliable lines), one
  // of them "mentioning" the lip tint; chat asks about a broken link and reacts to the swatch.
  const inputs: HighlightInputs = {
    showId: 'demo',
    duration: 180,
    audio: { duration: 180, loudness: new Array<number>(180).fill(-23), silences: [], integratedLufs: -23 },
    segments: [
      { start: 60, end: 64, text: 'yes yes yes but the op hyped up i think', reliable: false, confidence: 0.31, sentiment: NEUTRAL },
      { start: 64, end: 68, text: 'a little fast a little fast the silk lip tint', reliable: false, confidence: 0.28, sentiment: NEUTRAL },
      { start: 68, end: 72, text: 'little fast and the op', reliable: false, confidence: 0.33, sentiment: NEUTRAL },
    ],
    chat: posted(
      [
        [63, 'is the serum link working?'],
        [64, 'the silk lip tint swatch looks so good!!'],
        [65, '666'],
        [66, 'this is a scam, refund me'],
        [67, 'call me 13812345678'],
        [68, 'lip tint swatch is gorgeous, need it'],
        [69, 'Hello'],
        [70, 'Hello'],
      ].map(([t, text]) => ({ t: Number(t), user: `u${t}`, text: String(text), kind: 'message' as const, sentiment: NEUTRAL })),
      0,
    ),
    supportEvents: [],
    metrics: [],
    mentions: [
      ...said([{ t: 64, product: 'Silk Lip Tint', matched: 'silk lip tint', source: 'speech' as const }]),
    ],
    ctaMentions: [],
    sceneChanges: [],
  };
  const signals = [fired('reactions', 66), fired('chatRate', 66)];
  const material = highlightMaterial({ start: 58, end: 74 }, inputs, signals);
  const h = highlight({ start: 58, end: 74, signals, ...material });

  it('keeps misheard speech out of the quotable transcript and the products, but marks it in speech', () => {
    expect(material.transcript).toEqual([]);
    expect(material.speech?.map((line) => line.reliable)).toEqual([false, false, false]);
    // Only the unreliable line named the product: it is not on air.
    expect(material.products).toEqual([]);
    expect(material.moment).toBe('hype');
  });

  it('writes a hook with no misheard word, quotes a glad viewer, and tags no filler', () => {
    const copy = copyOf(h, 'en', { channel: 'glowlab' });
    for (const misheard of ['op', 'hyped', 'little', 'fast', 'yes']) {
      expect(copy.title.toLowerCase().split(/\W+/)).not.toContain(misheard);
      expect(copy.hashtags.map((tag) => tag.toLowerCase())).not.toContain(`#${misheard}`);
    }
    expect(copy.title).toBe('Chat goes wild live');
    expect(copy.description).toContain('Viewers: “the silk lip tint swatch looks so good!!”');
    expect(copy.description).not.toMatch(/link|scam|13812345678|666/);
    expect(copy.hashtags).toEqual(['#Glowlab', '#Hype', '#Lip', '#Tint']);
    expect(copy.hashtags).not.toContain('#Hello');
    expect(copyProblems(copy, h, { language: 'en', keywordsOf: keywords })).toEqual([]);
  });

  it('puts the product in the title once chat names it', () => {
    const withChatMention = { ...inputs, mentions: [...inputs.mentions, ...posted([{ t: 64, product: 'Silk Lip Tint', matched: 'silk lip tint', source: 'chat' as const }], 0)] };
    const onAir = highlightMaterial({ start: 58, end: 74 }, withChatMention, signals);
    expect(onAir.products).toEqual(['Silk Lip Tint']);
    expect(copyOf(highlight({ ...onAir, signals }), 'en').title).toBe('Silk Lip Tint hits — chat goes wild');
  });
});

describe('clipCopy from reliable speech', () => {
  it('quotes the host in a demo, at a clause boundary, with the product', () => {
    const demo = highlight({
      signals: [fired('mentions'), fired('speechSentiment')],
      moment: 'demo',
      transcript: [
        'Look at this swatch of the Silk Lip Tint on my arm, it goes on so smooth.',
        'The swatch stays put even after I rub it, and the colour is rich.',
      ],
      products: ['Silk Lip Tint'],
      chat: ['that swatch is gorgeous!'],
    });
    const copy = copyOf(demo, 'en');
    expect(copy.title).toBe('Look at this swatch of the Silk Lip Tint on my arm');
    expect(copy.description.split('\n')[0]).toBe(
      'Silk Lip Tint, shown live. Look at this swatch of the Silk Lip Tint on my arm, it goes on so smooth. The swatch stays put even after I rub it, and the colour is rich.',
    );
    expect(copy.hashtags).toEqual(['#SilkLipTint', '#LiveDemo', '#Swatch']);
  });

  it('never quotes a sponsor read, not even its slogan', () => {
    const zh = highlight({
      signals: [fired('orders'), fired('chatRate')],
      moment: 'deal',
      transcript: ['吃燕窝就选燕之屋，本节目由26年专注高品质燕窝的燕之屋冠名播出。', '今天的燕窝下单送礼盒，库存不多了。'],
      products: ['燕之屋燕窝'],
      chat: ['燕窝抢到了！'],
    });
    const copy = copyOf(zh, 'zh');
    expect(copy.title).toBe('燕之屋燕窝 下单爆了：直播间刷屏抢购');
    expect(allText(copy)).not.toMatch(/本节目|冠名|吃燕窝就选/);
    expect(copy.description).toBe('燕之屋燕窝讲解时订单猛涨。今天的燕窝下单送礼盒，库存不多了。\n观众：“燕窝抢到了！”');
    const sponsored = copyOf(highlight({ moment: 'talk', transcript: ['This show is sponsored by Acme Razors, use code LIVE20.'] }), 'en');
    expect(allText(sponsored)).not.toMatch(/Acme|sponsored|LIVE20/);
  });

  it('cuts a long sentence at a clause boundary or does not quote it', () => {
    const talk = highlight({
      moment: 'talk',
      signals: [fired('loudness'), fired('speechRate')],
      transcript: ['So the thing about this formula is that it was developed over three years with dermatologists in Seoul, and it shows'],
    });
    const title = copyOf(talk, 'en').title;
    expect(title).toBe('Straight from the live show'); // no clause of the sentence fits in 60 characters
    const zhTalk = highlight({ moment: 'talk', transcript: ['这款面霜质地轻薄，吸收特别快，冬天用一整天都不会干，而且敏感肌也能放心用'] });
    expect(copyOf(zhTalk, 'zh').title).toBe('这款面霜质地轻薄，吸收特别快，冬天用一整天都不会干');
  });

  it('keeps a host superlative out of the copy: the claim is flagged on the speech, not repeated by us', () => {
    const claim = highlight({
      moment: 'talk',
      transcript: ['这是全网最好的面霜！', '面霜质地很轻薄，吸收也快。'],
      products: ['面霜'],
    });
    const copy = copyOf(claim, 'zh');
    expect(allText(copy)).not.toContain('最好');
    expect(copy.title).toBe('面霜质地很轻薄，吸收也快');
    expect(copyComplianceFlags(copy)).toEqual([]);
    // A product whose very name trips a rule is left out of the title and the tags.
    const named = copyOf(highlight({ moment: 'deal', products: ['全网第一精华'] }), 'zh');
    expect(allText(named)).not.toContain('第一');
  });

  it('tags distinctive terms, never filler, and leaves the show’s running vocabulary to no one', () => {
    const filler = highlight({
      moment: 'talk',
      transcript: ['首先我们来看一下，这是经理说完的价格。', '首先这是经理说完的福利。', '这款保温杯可以保温十二个小时。', '保温杯是双层真空的。'],
      chat: ['Hello', '你好', 'Hello', '你好', '保温杯好好看啊'],
    });
    const tags = copyOf(filler, 'zh').hashtags;
    expect(tags).toContain('#保温杯');
    for (const tag of ['#首先', '#经理', '#说完', '#这是', '#Hello', '#你好']) expect(tags).not.toContain(tag);

    const show = [1, 2, 3, 4].map((rank) =>
      highlight({ id: `h${rank}`, rank, moment: 'talk', transcript: [`The skin feels soft here, number ${rank}.`, 'Skin care matters every day.', rank === 1 ? 'The retinol cream is new. Retinol at night only.' : 'More of it.'], }),
    );
    const copies = showClipCopy(show, { language: 'en', keywordsOf: keywords });
    for (const copy of copies.values()) expect(copy.hashtags).not.toContain('#Skin');
    expect(copies.get('h1')?.hashtags).toContain('#Retinol');
  });
});

describe('showClipCopy', () => {
  it('gives every clip of a show its own title, within the limits', () => {
    const deals = Array.from({ length: 7 }, (_, i) =>
      highlight({ id: `d${i}`, rank: i + 1, start: i * 100, end: i * 100 + 30, moment: 'deal', signals: [fired('orders')], products: i % 2 === 0 ? ['Glow Serum'] : [] }),
    );
    for (const language of ['en', 'zh'] as const) {
      const titles = [...showClipCopy(deals, { language, keywordsOf: keywords }).values()].map((copy) => copy.title);
      expect(new Set(titles.map((t) => t.toLowerCase())).size).toBe(titles.length);
      for (const title of titles) {
        expect(chars(title)).toBeLessThanOrEqual(MAX_TITLE_CHARS[language]);
        expect(title).not.toMatch(/Highlight at|高光时刻|\d+:\d\d/);
      }
    }
  });

  it('numbers titles only when every variant is taken, and is deterministic', () => {
    const same = Array.from({ length: 9 }, (_, i) => highlight({ id: `c${i}`, rank: i + 1, moment: 'chat' }));
    const first = showClipCopy(same, { language: 'en', keywordsOf: keywords });
    const titles = [...first.values()].map((copy) => copy.title);
    expect(new Set(titles).size).toBe(9);
    expect(titles.filter((title) => title.includes('(part '))).toHaveLength(4); // five chat hooks, then numbered
    expect(showClipCopy(same, { language: 'en', keywordsOf: keywords })).toEqual(first);
  });

  it('keeps long product names within the limits', () => {
    const long = highlight({ moment: 'deal', products: ['Ultra Hydrating Overnight Recovery Glow Serum With Hyaluronic Acid'] });
    expect(chars(copyOf(long, 'en').title)).toBeLessThanOrEqual(60);
    const zhLong = highlight({ moment: 'deal', products: ['燕之屋碗燕冰糖即食燕窝七十克乘以六碗礼盒装送礼佳品'] });
    expect(chars(copyOf(zhLong, 'zh').title)).toBeLessThanOrEqual(30);
  });
});

const LIVE_LOG = path.join(SHARED_DATA, 'chat/bilibili-ZJStatistics2-live/2020.12.11 全团首播.xml');

describe.skipIf(missingTestData(LIVE_LOG))('copy for a real Chinese live show with danmaku and no transcript', () => {
  it('titles every clip in natural Chinese from the moment and the danmaku, and quotes only glad viewers', () => {
    // Prepare: the A-SOUL debut stream's danmaku through the real parser and detector; no speech engine for
    // Chinese, so no transcript at all; flat audio.
    const log = parseChatLog(readFileSync(LIVE_LOG, 'utf8'), path.basename(LIVE_LOG));
    const duration = Math.ceil(Math.max(...log.messages.map((m) => m.t))) + 1;
    const { inputs } = assembleHighlightInputs({
      showId: 'asoul-2020-12-11',
      language: 'zh',
      duration,
      audio: { duration, loudness: new Array<number>(duration).fill(-23), silences: [], integratedLufs: -23 },
      sceneChanges: [],
      segments: [],
      chat: log.messages,
      metrics: [],
      products: [{ name: '燕之屋燕窝', aliases: ['燕窝'] }],
    });
    const highlights = detectHighlights(inputs);
    // Act
    const copies = showClipCopy(highlights, { language: 'zh', keywordsOf: keywords });
    // Assess
    expect(highlights.length).toBeGreaterThan(3);
    const titles = highlights.map((h) => copies.get(h.id)?.title ?? '');
    expect(new Set(titles).size).toBe(titles.length);
    for (const h of highlights) {
      const copy = copies.get(h.id)!;
      expect(chars(copy.title)).toBeLessThanOrEqual(30);
      // Natural Chinese: a hook or a quoted danmaku, never a time stamp or a line cut mid-phrase.
      // Chinese: mostly Han script (a quoted danmaku may hold slang such as "b友").
      expect(copy.title).toMatch(/\p{Script=Han}{2,}/u);
      expect(copy.title).not.toMatch(/高光时刻|\d+:\d\d|…$/u);
      expect(copyComplianceFlags(copy)).toEqual([]);
      const otherTitles = titles.filter((title) => title !== copy.title);
      expect(copyProblems(copy, h, { language: 'zh', keywordsOf: keywords, otherTitles })).toEqual([]);
      const quoted = /观众：“(.+)”/u.exec(copy.description)?.[1];
      if (quoted !== undefined) {
        expect(h.chat).toContain(quoted);
        expect(isQuestion(quoted)).toBe(false);
        // No claims and no contact details; an ordinal 第一次 / 第一个 is no ranking claim (claimRules.ts).
        expect(quoted).not.toMatch(/最好|第一(?![次个])|\d{7,}|微信|qq/iu);
      }
      for (const tag of copy.hashtags) expect(['#首先', '#说完', '#这是', '#你好', '#哈哈哈', '#主播']).not.toContain(tag);
      expect(copy.hashtags.length).toBeGreaterThan(0);
    }
    // The fan's "嘉队长的舞确实最好" (posted three times) is never quoted.
    expect([...copies.values()].some((copy) => copy.description.includes('嘉队长的舞确实最好'))).toBe(false);
    console.log(titles.map((title, i) => `${i + 1}. ${title}  ${copies.get(highlights[i]!.id)?.hashtags.join(' ')}`).join('\n'));
  });
});

describe('toHashtag', () => {
  it('joins words in CamelCase and keeps Chinese and existing capitals', () => {
    expect(toHashtag('glow serum')).toBe('#GlowSerum');
    expect(toHashtag('iPhone 15 case')).toBe('#iPhone15Case');
    expect(toHashtag('面霜')).toBe('#面霜');
    expect(toHashtag('  !! ')).toBe('');
  });
});
