import { describe, expect, it } from 'vitest';
import { type ReportData, renderReport } from '../../shared/core/report/renderReport.js';
import { MAX_CHART_POINTS, timelineChart } from '../../shared/core/report/timelineChart.js';
import type { SentimentWindow } from '../../shared/core/types.js';

const HOSTILE = '<script>alert(1)</script>';
// 1×1 transparent PNG.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const window = (start: number, mean: number, count = 3): SentimentWindow => ({
  start,
  end: start + 10,
  mean,
  count,
  positive: mean > 0 ? count : 0,
  negative: mean < 0 ? count : 0,
});

function emptyReport(): ReportData {
  return {
    showId: 'empty-show',
    title: '',
    generatedFrom: 'recordings/empty.mp4',
    duration: 0,
    language: 'en',
    transcriptEngine: 'none',
    sentiment: { windowSeconds: 10, speech: [], chat: [] },
    engagement: { chatRate: [], loudness: [] },
    highlights: [],
    compliance: [],
    topics: [],
    inputs: [],
  };
}

function fullReport(): ReportData {
  const duration = 300;
  return {
    showId: 'show-1',
    title: '周五直播 Friday live <b>sale</b>',
    generatedFrom: 'uploads/show-1/recording.mp4',
    duration,
    language: 'zh',
    transcriptEngine: 'whisper-local',
    sentiment: {
      windowSeconds: 10,
      speech: Array.from({ length: 30 }, (_, i) => window(i * 10, Math.sin(i / 4) * 0.5)),
      chat: Array.from({ length: 30 }, (_, i) => window(i * 10, 0.3, i % 5 === 0 ? 0 : 2)),
    },
    engagement: {
      chatRate: Array.from({ length: duration }, (_, i) => (i >= 100 && i < 130 ? 3 : 0.2)),
      loudness: Array.from({ length: duration }, (_, i) => (i % 60 === 0 ? -70 : -20 - (i % 7))),
      viewers: Array.from({ length: duration }, (_, i) => 100 + i),
    },
    highlights: [
      {
        id: 'show-1-100-130',
        rank: 1,
        start: 100,
        end: 130,
        score: 3.2,
        peak: 112,
        signals: [{ name: 'chatRate', value: 4.2, threshold: 2, at: 112, detail: 'chat rate 4.2x baseline (23 msgs/10s)' }],
        transcript: ['这款面膜今天特价'],
        chat: [HOSTILE, '好便宜！'],
        products: ['保湿面膜'],
        thumbnailDataUri: PNG,
        clipFiles: [
          { label: '9:16', path: 'clips/show-1-100-130/9x16.mp4' },
          { label: '16:9', path: 'https://evil.example/h.mp4' },
        ],
      },
      {
        id: 'show-1-200-220',
        rank: 2,
        start: 200,
        end: 220,
        score: 1.1,
        peak: 205,
        signals: [],
        transcript: [],
        chat: [],
        products: [],
        thumbnailDataUri: 'javascript:alert(1)',
      },
    ],
    compliance: [
      {
        start: 150,
        end: 153,
        term: '最好',
        rule: 'absolute claim (广告法 第九条)',
        severity: 'block',
        source: 'speech',
        text: '这是全网最好的面膜',
        language: 'zh',
      },
    ],
    topics: [
      {
        topic: 'Answer: 包邮吗？',
        kind: 'question',
        score: 4,
        why: '4 viewers asked about 包邮 in 1 show and the host did not answer within 3 minutes.',
        evidence: [{ showId: 'show-1', t: 95, quote: `包邮吗？${HOSTILE}`, source: 'chat', clipId: 'show-1-100-130' }],
      },
    ],
    inputs: [
      {
        name: 'chat.xml',
        report: { format: 'bilibili-xml', accepted: 1200, skipped: 3, skippedReasons: { 'missing t': 2, '<bad>': 1 }, kinds: { message: 1180, paid: 12, gift: 8 } },
      },
    ],
    chatLag: { lagSeconds: 5.2, confidence: 0.83, method: 'cross-correlation', evidence: ['loudness'], appliedSeconds: 5.2, appliedFrom: 'measured' },
    stageTimings: [{ stage: 'transcribe', ms: 12_345 }],
  };
}

describe('renderReport', () => {
  it('shows the chat parse report by event kind and the chat lag: measured, unmeasured, too uncertain, overridden', () => {
    const html = renderReport(fullReport());
    expect(html).toContain('1200 (1180 message, 12 paid, 8 gift)');
    expect(html).toContain('Chat lag: chat reacts 5.2 s after the stream (confidence 0.83, measured against loudness); the detector applies it.');
    const unmeasured = renderReport({
      ...fullReport(),
      chatLag: { lagSeconds: 4, confidence: 0, method: 'default', reason: 'too little chat', appliedSeconds: 4, appliedFrom: 'default' },
    });
    expect(unmeasured).toContain('Chat lag: not measured (too little chat); the detector assumes 4.0 s.');
    const uncertain = renderReport({
      ...fullReport(),
      chatLag: { lagSeconds: 9.3, confidence: 0.21, method: 'cross-correlation', evidence: ['loudness'], appliedSeconds: 4, appliedFrom: 'default' },
    });
    expect(uncertain).toContain('Chat lag: measured 9.3 s at confidence 0.21 against loudness, too uncertain to apply; the detector assumes 4.0 s.');
    const overridden = renderReport({
      ...fullReport(),
      chatLag: { lagSeconds: 5.2, confidence: 0.83, method: 'cross-correlation', evidence: ['loudness'], appliedSeconds: 1.5, appliedFrom: 'override' },
    });
    expect(overridden).toContain('Chat lag: set to 1.5 s by the job; measured 5.2 s at confidence 0.83 against loudness.');
  });

  it('is one self-contained UTF-8 HTML document with no external resources and no scripts', () => {
    const html = renderReport(fullReport());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('Noto Sans CJK SC');
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    // An absolute URL given as a clip file is shown as text, never linked.
    expect(html).toContain('<code>https://evil.example/h.mp4</code>');
    expect(html).not.toMatch(/(?:src|href)\s*=\s*["'][a-z][a-z0-9+.-]*:(?!image\/)/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
  });

  it('escapes hostile chat, transcript, titles and input reasons', () => {
    const html = renderReport(fullReport());
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Friday live &lt;b&gt;sale&lt;/b&gt;');
    expect(html).toContain('&lt;bad&gt;: 1');
    // A thumbnail that is not an image data URI is dropped, not written into src.
    expect(html).not.toContain('javascript:');
  });

  it('shows the facts, the engine, highlights with thumbnails, reasons, products and clip links', () => {
    const html = renderReport(fullReport());
    expect(html).toContain('whisper-local');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('05:00'); // duration
    expect(html).toContain(`<img src="${PNG}"`);
    expect(html).toContain('1:40–2:10');
    expect(html).toContain('chat rate 4.2x baseline (23 msgs/10s)');
    expect(html).toContain('这款面膜今天特价');
    expect(html).toContain('保湿面膜');
    expect(html).toContain('href="clips/show-1-100-130/9x16.mp4"');
    expect(html).toContain('absolute claim (广告法 第九条)');
    expect(html).toContain('Answer: 包邮吗？');
    expect(html).toContain('bilibili-xml');
    expect(html).toContain('12.3 s');
  });

  it('draws the highlight windows as ranked bands on the timeline', () => {
    const html = renderReport(fullReport());
    const bands = [...html.matchAll(/<g class="highlight-band" data-rank="(\d+)">/g)].map((m) => m[1]);
    expect(bands).toEqual(['1', '2']);
    expect(html).toContain('>#1</text>');
    expect(html).toContain('>#2</text>');
  });

  it('renders a show with no highlights, no chat and no inputs', () => {
    const html = renderReport(emptyReport());
    expect(html).toContain('<h1>empty-show</h1>');
    expect(html).toContain('No highlights were found.');
    expect(html).toContain('none — no transcript');
    expect(html).toContain('<svg');
    expect(html).not.toContain('class="highlight-band"');
    expect(html).not.toContain('NaN');
    expect(html).not.toContain('Infinity');
  });

  it('shows each clip with its title, description, hashtags, caption state and the CLI\'s clip times, all escaped', () => {
    const data = fullReport();
    const [first, second] = data.highlights;
    const html = renderReport({
      ...data,
      highlights: [
        {
          ...first!,
          start: 99.6,
          end: 729.4,
          moment: 'deal',
          speech: [{ text: '这款面膜今天特价', reliable: true }, { text: '嗯那个七个', reliable: false }],
          chat: ['好便宜！', '加我微信 abc12345 领券'],
          clip: {
            title: `保湿面膜 下单爆了 ${HOSTILE}`,
            description: `保湿面膜讲解时订单猛涨。\n观众：“好便宜！”`,
            hashtags: ['#保湿面膜', '#直播好物', `#${HOSTILE}`],
            copyBy: 'extractive',
            captions: { burned: false, source: 'pocketsphinx', reliability: 0.38, reason: '62% of the speech was unsure <b>', style: 'default' },
          },
        },
        second!,
      ],
    });
    expect(html).not.toContain(HOSTILE);
    // The CLI prints 1:40-12:09 for this clip (rounded, no leading zero): the report matches.
    expect(html).toContain('保湿面膜 下单爆了 &lt;script&gt;alert(1)&lt;/script&gt; · 1:40–12:09');
    expect(html).toContain('保湿面膜讲解时订单猛涨。<br>观众：“好便宜！”');
    expect(html).toContain('#保湿面膜 #直播好物 #&lt;script&gt;');
    expect(html).toContain('Captions: not burned · from pocketsphinx · 38% reliable · style default — 62% of the speech was unsure &lt;b&gt;');
    expect(html).toContain('1 line of unsure speech recognition not shown or quoted.');
    expect(html).not.toContain('嗯那个七个');
    expect(html).not.toContain('abc12345');
    // A clip made before caption state was recorded shows no caption line.
    expect(html.match(/Captions:/g)).toHaveLength(1);
  });

});

describe('timelineChart', () => {
  it('downsamples long per-second series to at most 600 points and labels the axis in mm:ss', () => {
    const duration = 4 * 3600;
    const svg = timelineChart({
      duration,
      chatRate: Array.from({ length: duration }, (_, i) => i % 97),
      loudness: Array.from({ length: duration }, () => -23),
      sentiment: { windowSeconds: 10, speech: [], chat: [] },
      highlights: [{ start: 3600, end: 3630, rank: 1 }],
    });
    const chatPath = /class="series chat-rate" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    const points = chatPath.match(/[ML]/g)?.length ?? 0;
    expect(points).toBeGreaterThan(100);
    expect(points).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(svg).toContain('>1:00:00</text>');
    expect(svg).not.toContain('xmlns');
    expect(timelineChart({ duration: 10, chatRate: [], loudness: [], sentiment: { windowSeconds: 10, speech: [], chat: [] }, highlights: [], standalone: true })).toContain('xmlns="http://www.w3.org/2000/svg"');
  });

  it('leaves gaps where a sentiment window had no texts', () => {
    const svg = timelineChart({
      duration: 40,
      chatRate: [],
      loudness: [],
      sentiment: { windowSeconds: 10, speech: [], chat: [window(0, 0.5), window(10, 0, 0), window(20, -0.5), window(30, 0.1)] },
      highlights: [],
    });
    const d = /class="series chat-sentiment" d="([^"]+)"/.exec(svg)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
  });
});

describe('renderReport in the show language', () => {
  it('heads a Chinese show in Chinese and an English one in English', async () => {
    const { reportDataWithReview } = await import('../helpers/reviewFixtures.js');
    const zh = renderReport(reportDataWithReview({ language: 'zh' }));
    for (const heading of ['<h2>时间线</h2>', '<dt>场次</dt>', '<dt>时长</dt>', '<h2>选题建议', '<h2>输入数据</h2>']) expect(zh).toContain(heading);
    expect(zh).not.toContain('<h2>Timeline</h2>');
    const en = renderReport(reportDataWithReview({ language: 'en' }));
    for (const heading of ['<h2>Timeline</h2>', '<dt>Show</dt>', '<h2>Inputs</h2>']) expect(en).toContain(heading);
  });
});
