/**
 * The model's clip copy against a local server speaking OpenAI's wire format: what the model is shown (only
 * trustworthy text) and how its answer is held to the same rules as the offline copy.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenAiLanguageModel, SHOW_DATA_CLOSE, SHOW_DATA_OPEN } from '../../shared/adapters/openai/index.js';
import { showClipCopy } from '../../shared/core/clips/index.js';
import { keywords } from '../../shared/core/text/index.js';
import type { FiredSignal, Highlight } from '../../shared/core/types.js';
import { writeClipCopy, type ClipCopyContext } from '../../shared/pipeline/assist/clipCopyTask.js';
import { chatCompletion, recordingLogger, startOpenAiStub, stubOpenAiConfig, type OpenAiStub } from '../helpers/openaiStubServer.js';

const ROUTE = '/v1/chat/completions';
const fired = (name: FiredSignal['name']): FiredSignal => ({ name, value: 6, threshold: 3, at: 66, detail: `${name} z=6.0` });

// A deal moment of an English show: the recogniser was unsure of two lines, sure of one; chat mixes a broken-link
// question, a phone number and glad reactions.
const deal: Highlight = {
  id: 'hdeal',
  rank: 1,
  start: 58,
  end: 88,
  score: 9,
  peak: 66,
  signals: [fired('orders'), fired('chatRate')],
  transcript: ['The Glow Serum link is live right now.'],
  speech: [
    { text: 'yes yes yes but the op hyped up i think', reliable: false },
    { text: 'The Glow Serum link is live right now.', reliable: true },
    { text: 'a little fast a little fast', reliable: false },
  ],
  chat: ['is the serum link working?', 'call me 13812345678', 'got mine, this serum is amazing!!', 'so happy I grabbed it'],
  products: ['Glow Serum'],
  moment: 'deal',
};
const other: Highlight = { ...deal, id: 'hother', rank: 2, start: 120, end: 150, speech: [], transcript: [], chat: ['love it!'] };

let stub: OpenAiStub;
beforeEach(async () => {
  stub = await startOpenAiStub();
});
afterEach(async () => {
  await stub.close();
});

function contextFor(highlight: Highlight): ClipCopyContext {
  const copies = showClipCopy([deal, other], { language: 'en', keywordsOf: keywords, channel: 'glowlab' });
  return {
    language: 'en',
    offline: copies.get(highlight.id)!,
    channel: 'glowlab',
    otherTitles: [...copies.entries()].filter(([id]) => id !== highlight.id).map(([, copy]) => copy.title),
  };
}

async function write(answer: Record<string, unknown>) {
  stub.setDefault(ROUTE, { body: chatCompletion(JSON.stringify(answer)) });
  const model = new OpenAiLanguageModel({ config: stubOpenAiConfig(stub.baseUrl, 'sk-test-clip-copy-0123456789abcdef') });
  const { logger, lines } = recordingLogger();
  const copy = await writeClipCopy(deal, contextFor(deal), model, logger);
  const [request] = stub.requestsTo(ROUTE);
  const body = JSON.parse(request!.body.toString('utf8')) as { messages: { role: string; content: string }[] };
  const user = body.messages.at(-1)!.content;
  const data = JSON.parse(user.slice(SHOW_DATA_OPEN.length + 1, -(SHOW_DATA_CLOSE.length + 1))) as Record<string, unknown>;
  return { copy, data, system: body.messages[0]!.content, lines };
}

describe('writeClipCopy with a language model', () => {
  it('shows the model only reliable speech and screened reactions, and keeps copy that follows the rules', async () => {
    const good = { title: 'Glow Serum link drops — orders pour in', description: 'The Glow Serum link went live and orders jumped.', hashtags: ['#GlowSerum', '#Glowlab', 'LiveDeal'] };
    const { copy, data, system } = await write(good);

    expect(copy).toEqual({ ...good, hashtags: ['#GlowSerum', '#Glowlab', '#LiveDeal'], writtenBy: 'openai:gpt-4o-mini' });
    expect(data).toMatchObject({ moment: 'deal', products: ['Glow Serum'], channel: 'glowlab', said: ['The Glow Serum link is live right now.'], unsureSpeechLinesLeftOut: 2 });
    expect(data.viewerReactions).toEqual(['got mine, this serum is amazing!!', 'so happy I grabbed it']);
    expect(JSON.stringify(data)).not.toMatch(/hyped|little fast|13812345678|link working/);
    expect(system).toContain('at most 60 characters');
  });

  it.each([
    ['a misheard word', { title: 'Glow Serum: the op hyped it up', description: 'Orders jumped.', hashtags: ['#GlowSerum'] }, /unreliable speech had \(op, hyped\)/],
    ['a superlative', { title: 'The best ever Glow Serum deal', description: 'Orders jumped.', hashtags: ['#GlowSerum'] }, /flagged claim \(best ever\)/],
    ['a sponsor read', { title: 'Glow Serum deal is live', description: 'This show is sponsored by Acme.', hashtags: ['#GlowSerum'] }, /sponsor read/],
    ['a title over the limit', { title: 'Glow Serum link drops and the orders pour in as chat goes completely wild', description: 'Orders jumped.', hashtags: ['#GlowSerum'] }, /title must be 1-60 characters/],
    ['another clip’s title', { title: 'Everyone grabs Glow Serum at once', description: 'Orders jumped.', hashtags: ['#GlowSerum'] }, /repeats another clip/],
    ['filler hashtags', { title: 'Glow Serum deal is live', description: 'Orders jumped.', hashtags: ['#GlowSerum', '#Hello', '#你好'] }, /filler words \(Hello, 你好\)/],
    ['a viewer’s phone number', { title: 'Glow Serum deal is live', description: 'Viewers: call me 13812345678', hashtags: ['#GlowSerum'] }, /personal data/],
  ])('falls back to the offline copy when the model writes %s', async (_what, answer, problem) => {
    const { copy, lines } = await write(answer);

    const offline = contextFor(deal).offline;
    expect(copy).toMatchObject(offline);
    expect(copy.writtenBy).toMatch(/^extractive \(fallback: openai:gpt-4o-mini copy /);
    expect(copy.writtenBy).toMatch(problem);
    expect(lines.join('\n')).toContain('broke a rule');
  });

  it('uses the offline copy without a model', async () => {
    const { logger } = recordingLogger();
    const copy = await writeClipCopy(deal, contextFor(deal), undefined, logger);
    expect(copy).toEqual({ ...contextFor(deal).offline, writtenBy: 'extractive' });
    expect(copy.title).toBe('Glow Serum: orders pour in live');
  });
});
