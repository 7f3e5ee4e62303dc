/**
 * The workspace (`postshow serve`) in real headless Chromium over a workspace the real pipeline made: the home
 * page lists every clip, the search leaves one product's clips, a clip's video plays and seeks (range requests),
 * Approve and an edited title persist where `postshow clips --json` sees them, a show page draws the chart and
 * the review, no page error happens, and markup in products and chat stays text. Also the serve command's guard
 * rails: a non-loopback host without a token is refused, and with a token the API answers 401 without it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/adapters/local/jsonLogger.js';
import type { CatalogEntry } from '../../shared/core/catalog/index.js';
import { createWorkspaceServer, type WorkspaceServer } from '../../cli/serve/workspaceServer.js';
import { BROWSER_REQUIRED, CHROMIUM_PATH, launchChromium } from '../helpers/browser.js';
import { makeWorkspace, runShow, sampleShow, testMedia } from '../helpers/pipelineFixture.js';
import { postshow } from '../helpers/postshowCli.js';

/** Markup a viewer or a product feed could carry: it must render as text and never run. */
const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;


/**
 * The page's globals, as far as these tests read them (the tests compile without the DOM library). Functions run
 * in the page through the DevTools protocol, which the page's CSP (no eval) allows; strings would be refused. They are
 * sent as source, so each names `globalThis` itself (a helper here would not exist there).
 */
interface PageGlobals {
  readonly document: { querySelectorAll(selector: string): ArrayLike<unknown> & Iterable<unknown>; querySelector(selector: string): unknown };
  readonly location: { readonly href: string };
}

async function catalogFromCli(workspace: string): Promise<CatalogEntry[]> {
  const { code, stdout, stderr } = await postshow(['clips', '--out', workspace, '--json']);
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout) as CatalogEntry[];
}

describe.skipIf(CHROMIUM_PATH === undefined && !BROWSER_REQUIRED)('the workspace in Chromium', () => {
  let workspace: { dir: string; cleanup: () => Promise<void> };
  let server: WorkspaceServer;
  let base: string;
  let browser: Browser;
  let showId: string;
  let entries: CatalogEntry[];
  let hostileProduct: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workspace = await makeWorkspace('postshow-workspace-');
    const sample = await sampleShow('workspace-en', { minutes: 1.5, language: 'en', seed: 21, width: 320, height: 180 });
    // A product whose name carries markup (matched in speech by its plain alias), and chat lines that do too.
    const products = JSON.parse(await readFile(sample.products, 'utf8')) as { name: string; aliases?: string[] }[];
    hostileProduct = `${products[0]!.name} ${HOSTILE}`;
    products[0] = { ...products[0]!, name: hostileProduct, aliases: [...(products[0]!.aliases ?? []), products[0]!.name] };
    const productsFile = path.join(workspace.dir, 'products.json');
    await writeFile(productsFile, JSON.stringify(products));
    const chat = (await readFile(sample.chat, 'utf8')).trimEnd().split('\n');
    for (const moment of sample.planted) chat.push(JSON.stringify({ t: moment.start + 2, user: 'mallory', text: `wow ${HOSTILE}` }));
    const chatFile = path.join(workspace.dir, 'chat.jsonl');
    await writeFile(chatFile, `${chat.join('\n')}\n`);
    const run = await runShow(workspace.dir, {
      recordingPath: sample.recording,
      sideInputs: { chat: chatFile, metrics: sample.metrics, captions: sample.captions, products: productsFile },
      options: { channel: 'demo-channel' },
    });
    expect(run.status.state).toBe('succeeded');
    showId = run.showId;
    entries = await catalogFromCli(workspace.dir);
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries.some((entry) => entry.products.includes(hostileProduct)), 'a clip carries the product with markup').toBe(true);

    server = await createWorkspaceServer({ workspace: workspace.dir, logger: silentLogger, pipeline: { media: testMedia(), backoffMs: 10 } });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const address = server.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.app.close();
    await server?.queue.idle();
    await workspace?.cleanup();
  });

  async function open(pathname: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(`${pathname}: ${error.message}`));
    page.on('dialog', (dialog) => {
      pageErrors.push(`${pathname}: a dialog opened (${dialog.message()})`);
      void dialog.dismiss();
    });
    await page.goto(base + pathname);
    return page;
  }

  async function expectNothingRan(page: Page): Promise<void> {
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  }

  it('lists every clip as a card on the home page', async () => {
    const page = await open('/');
    await page.locator('article.card').first().waitFor();
    expect(await page.locator('article.card').count()).toBe(entries.length);
    for (const entry of entries) await expect(page.locator(`article[data-clip="${entry.clipId}"] h2`).innerText()).resolves.toBe(entry.title);
    // Thumbnails load through the file route.
    await page.waitForFunction(() => [...(globalThis as unknown as PageGlobals).document.querySelectorAll('article.card img')].every((image) => (image as { naturalWidth: number }).naturalWidth > 0));
    await expectNothingRan(page);
    await page.close();
  });

  it('leaves only one product\'s clips after a search, and shows its markup as text', async () => {
    const product = entries.flatMap((entry) => entry.products).find((name) => entries.some((entry) => !entry.products.includes(name)));
    expect(product, 'a product that only some clips have').toBeDefined();
    const word = product!.split(' ')[0]!;
    const expected = entries.filter((entry) => [entry.title, entry.description, ...entry.hashtags].join('\n').toLowerCase().includes(word.toLowerCase()));
    const page = await open('/');
    await page.locator('article.card').first().waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).fill(word);
    await page.waitForFunction(
      (count) => new URL((globalThis as unknown as PageGlobals).location.href).searchParams.has('text') && (globalThis as unknown as PageGlobals).document.querySelectorAll('article.card').length === count && (globalThis as unknown as PageGlobals).document.querySelector('[aria-busy="true"]') === null,
      expected.length,
    );
    const shown = await page.locator('article.card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-clip')));
    expect(shown.sort()).toEqual(expected.map((entry) => entry.clipId).sort());
    expect(shown.length).toBeLessThan(entries.length);
    // The product filter, the other way to the same clips, and the hostile name printed as text.
    await page.goto(`${base}/?product=${encodeURIComponent(product!.split(' ')[0]!)}`);
    await page.locator('article.card').first().waitFor();
    const withProduct = entries.filter((entry) => entry.products.some((name) => name.toLowerCase().includes(word.toLowerCase())));
    expect(await page.locator('article.card').count()).toBe(withProduct.length);
    if (withProduct.some((entry) => entry.products.includes(hostileProduct))) await expect(page.locator('.products', { hasText: '<img src=x' }).first().innerText()).resolves.toContain('<script>');
    await expectNothingRan(page);
    await page.close();
  });

  it('plays and seeks a clip\'s video, served with range requests', async () => {
    const entry = entries[0]!;
    const page = await open(`/clips/${showId}/${entry.clipId}`);
    const video = page.locator('video').first();
    await video.waitFor();
    expect(await page.locator('video').count()).toBe(entry.variants.length);
    // The browser's HTMLVideoElement, as far as this test touches it (the tests compile without the DOM library).
    interface Video {
      muted: boolean;
      currentTime: number;
      readonly duration: number;
      readonly error: { readonly message: string } | null;
      play(): Promise<void>;
      pause(): void;
      addEventListener(type: string, listener: () => void, options: { once: boolean }): void;
    }
    const played = await video.evaluate(async (node) => {
      const element = node as unknown as Video;
      element.muted = true;
      await element.play();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      element.pause();
      const playedTo = element.currentTime;
      element.currentTime = Math.max(0, element.duration - 1);
      await new Promise<void>((resolve) => element.addEventListener('seeked', resolve, { once: true }));
      return { playedTo, seekedTo: element.currentTime, duration: element.duration, error: element.error?.message ?? null };
    });
    expect(played.error).toBeNull();
    expect(played.playedTo).toBeGreaterThan(0.3);
    expect(played.seekedTo).toBeGreaterThan(played.duration - 1.5);
    const source = await video.getAttribute('src');
    const ranged = await fetch(base + source!, { headers: { range: 'bytes=100-199' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(100);
    await expectNothingRan(page);
    await page.close();
  });

  it("shows the clean 16:9 master's captions as a track, from the SRT sidecar", async () => {
    const entry = entries.find((candidate) => candidate.variants.some((variant) => variant.captionsAs === 'track'));
    expect(entry, 'a clip whose master carries its captions as a track').toBeDefined();
    const page = await open(`/clips/${showId}/${entry!.clipId}`);
    const video = page.locator('video[aria-label="16:9 clip"]');
    await video.waitFor();
    const track = await video.evaluate(async (node) => {
      const element = node as unknown as { readyState: number; textTracks: ArrayLike<{ mode: string; cues: ArrayLike<{ text: string }> | null }>; addEventListener(type: string, listener: () => void): void };
      if (element.readyState < 1) await new Promise<void>((resolve) => element.addEventListener('loadedmetadata', resolve));
      // The track loads its blob asynchronously once shown.
      for (let i = 0; i < 50 && !(element.textTracks[0]?.cues?.length); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      const first = element.textTracks[0];
      return { count: element.textTracks.length, mode: first?.mode, cues: Array.from(first?.cues ?? []).map((cue) => cue.text) };
    });
    expect(track.count).toBe(1);
    expect(track.mode).toBe('showing');
    expect(track.cues.length).toBeGreaterThan(0);
    const detail = (await (await fetch(`${base}/api/clips/${showId}/${entry!.clipId}`)).json()) as { captionsSrt: string };
    expect(detail.captionsSrt.replace(/\s+/g, ' ')).toContain(track.cues[0]!.replace(/\s+/g, ' '));
    await expectNothingRan(page);
    await page.close();
  });

  it('persists Approve and an edited title, re-rendered with visible progress', async () => {
    const entry = entries[1]!;
    const page = await open(`/clips/${showId}/${entry.clipId}`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('[data-testid="review-state"]', { hasText: 'Approved' }).waitFor();
    await server.queue.idle();
    expect((await catalogFromCli(workspace.dir)).find((candidate) => candidate.clipId === entry.clipId)?.review.status).toBe('approved');

    const title = `Fixed title ${HOSTILE}`;
    await page.getByLabel('Title').fill(title);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: /Rendering version/ }).waitFor();
    await page.locator('h1', { hasText: 'Fixed title' }).waitFor({ timeout: 120_000 });
    await server.queue.idle();
    const after = (await catalogFromCli(workspace.dir)).find((candidate) => candidate.clipId === entry.clipId)!;
    expect(after.title).toBe(title);
    expect(after.version).toBe(entry.version + 1);
    // An edit sends the clip back for review.
    expect(after.review.status).toBe('pending');
    expect(await page.locator('h1').innerText()).toBe(title);
    await expectNothingRan(page);
    await page.close();
  });

  it('trims a clip and replaces its captions from the page', async () => {
    const entry = entries[0]!;
    const page = await open(`/clips/${showId}/${entry.clipId}`);
    await page.getByLabel('Start (s in the recording)').fill((entry.start + 1).toFixed(1));
    await page.getByLabel('End (s)').fill((entry.start + 9).toFixed(1));
    await page.getByRole('button', { name: 'Trim and re-render' }).click();
    await page.getByRole('status').filter({ hasText: /Rendering version/ }).waitFor();
    await page.locator('[data-testid="version"]', { hasText: `version ${entry.version + 1}` }).waitFor({ timeout: 120_000 });
    await server.queue.idle();
    const trimmed = (await catalogFromCli(workspace.dir)).find((candidate) => candidate.clipId === entry.clipId)!;
    expect(trimmed.start).toBeCloseTo(entry.start + 1, 1);
    expect(trimmed.duration).toBeCloseTo(8, 0);

    // Corrected captions, with markup and libass-looking text, burned as given and kept as the clip's SRT.
    const captions = `1\n00:00:00,500 --> 00:00:03,000\nFixed line one <b>{\\b1}</b>\n\n2\n00:00:03,500 --> 00:00:06,000\nFixed line two\n`;
    await page.getByLabel(/^Captions \(SRT/).fill(captions);
    await page.getByRole('button', { name: 'Save captions and re-render' }).click();
    await page.locator('[data-testid="version"]', { hasText: `version ${entry.version + 2}` }).waitFor({ timeout: 120_000 });
    await server.queue.idle();
    const detail = (await (await fetch(`${base}/api/clips/${showId}/${entry.clipId}`)).json()) as { captionsSrt: string; captions: { burned: boolean } };
    expect(detail.captionsSrt).toContain('Fixed line two');
    expect(detail.captions.burned).toBe(true);
    expect(await page.locator('textarea').last().inputValue()).toContain('Fixed line one');
    await expectNothingRan(page);
    await page.close();
  });

  it('answers the pages\' API routes: shows, one show, suggestions, per-show order', async () => {
    const shows = (await (await fetch(`${base}/api/shows`)).json()) as { shows: { showId: string; state: string; clips: number; channel: string }[] };
    expect(shows.shows).toEqual([expect.objectContaining({ showId, state: 'succeeded', clips: entries.length, channel: 'demo-channel' })]);
    const overview = (await (await fetch(`${base}/api/shows/${showId}`)).json()) as { highlights: { clipId: string }[]; timeline: { chatRate: number[] }; thumbnails: Record<string, string> };
    expect(overview.highlights.map((highlight) => highlight.clipId).sort()).toEqual(entries.map((entry) => entry.clipId).sort());
    expect(overview.timeline.chatRate.length).toBeGreaterThan(60);
    expect(Object.keys(overview.thumbnails).length).toBe(entries.length);
    const suggestions = (await (await fetch(`${base}/api/suggestions?channel=demo-channel&limit=5`)).json()) as { suggestions: unknown[] };
    expect(suggestions.suggestions.length).toBeGreaterThan(0);
    expect(suggestions.suggestions.length).toBeLessThanOrEqual(5);
    const inOrder = (await (await fetch(`${base}/api/clips?show=${showId}&sort=time`)).json()) as { entries: CatalogEntry[] };
    const starts = inOrder.entries.map((entry) => entry.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const paged = (await (await fetch(`${base}/api/clips?show=${showId}&sort=duration&limit=1`)).json()) as { entries: CatalogEntry[]; cursor?: string };
    expect(paged.entries).toHaveLength(1);
    expect(paged.cursor).toBe('1');
    const refused = await fetch(`${base}/api/clips?sort=time`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/give show=/);
    expect((await fetch(`${base}/api/shows/no-such-show`)).status).toBe(404);
    // Files outside a show's clips are not served, whatever the path says.
    expect((await fetch(`${base}/files/recordings/${showId}/recording.mp4`)).status).toBe(404);
    expect((await fetch(`${base}/files/shows/${showId}/manifest.json`)).status).toBe(404);
    expect((await fetch(`${base}/files/shows/${showId}/clips/..%2F..%2F..%2Fetc/passwd`)).status).toBeGreaterThanOrEqual(400);
  });

  it('draws a show\'s timeline chart, highlights and review', async () => {
    const page = await open(`/shows/${showId}`);
    await page.locator('#timeline svg').first().waitFor();
    await page.locator('#review').waitFor();
    expect(await page.locator('#highlights article.highlight').count()).toBe(entries.length);
    expect(await page.locator('#review .kpi').count()).toBeGreaterThan(3);
    await page.goto(`${base}/shows`);
    await page.locator('table.shows tbody tr').first().waitFor();
    expect(await page.locator('table.shows tbody tr').count()).toBe(1);
    await page.goto(`${base}/suggestions`);
    await page.locator('h1', { hasText: 'Topic suggestions' }).waitFor();
    await page.locator('li.suggestion').first().waitFor();
    await expectNothingRan(page);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('speaks Chinese to a Chinese browser, and switches language on request', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`zh: ${error.message}`));
    await page.goto(`${base}/`);
    await page.locator('h1', { hasText: '片段' }).waitFor();
    await page.locator('article.card').first().waitFor();
    expect(await page.locator('article.card').count()).toBe(entries.length);
    await page.locator('.badge', { hasText: '待审核' }).first().waitFor();
    await expect(page.getByRole('searchbox', { name: '搜索' }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: 'Clips' }).waitFor();
    await context.close();
    expect(pageErrors).toEqual([]);
  });

  it('refuses a network address without a token, and answers 401 without the token', async () => {
    const refused = await postshow(['serve', '--out', workspace.dir, '--host', '0.0.0.0', '--port', '0']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--token/);

    const guarded = await createWorkspaceServer({ workspace: workspace.dir, logger: silentLogger, token: 'correct horse battery staple' });
    await guarded.app.listen({ port: 0, host: '127.0.0.1' });
    const address = guarded.app.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      expect((await fetch(`${url}/api/clips`)).status).toBe(401);
      expect((await fetch(`${url}/api/clips`, { headers: { authorization: 'Bearer wrong token, long enough' } })).status).toBe(401);
      expect((await fetch(`${url}/api/clips`, { headers: { authorization: 'Bearer correct horse battery staple' } })).status).toBe(200);
      // The login form sets the cookie the page then uses, video requests included.
      const login = await fetch(`${url}/login`, { method: 'POST', body: new URLSearchParams({ token: 'correct horse battery staple' }), redirect: 'manual' });
      expect(login.status).toBe(303);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      expect((await fetch(`${url}/api/clips`, { headers: { cookie } })).status).toBe(200);
      // (The clips were re-rendered above: their current files, not the first version's.)
      const file = (await catalogFromCli(workspace.dir))[0]!.files.thumbnail.split('/').map(encodeURIComponent).join('/');
      expect((await fetch(`${url}/files/${file}`)).status).toBe(401);
      expect((await fetch(`${url}/files/${file}`, { headers: { cookie } })).status).toBe(200);
    } finally {
      await guarded.app.close();
    }
  });
});
