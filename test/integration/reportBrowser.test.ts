/**
 * report.html with the review and the plan in headless Chromium (Debian's /usr/bin/chromium, driven through its
 * command line): the page parses into the sections we wrote, logs no error (a script that ran, a request the CSP
 * refused) and renders to a screenshot. Skipped where Chromium is not installed, except under
 * POSTSHOW_REQUIRE_SHARED_DATA=1 (CI, whose install script installs it), where a missing browser fails.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../shared/core/report/renderReport.js';
import { reportDataWithReview } from '../helpers/reviewFixtures.js';

const run = promisify(execFile);
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--enable-logging=stderr', '--v=0'];

const dir = mkdtempSync(join(tmpdir(), 'postshow-report-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chromium(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  return run(CHROMIUM ?? 'chromium', [...FLAGS, ...args], { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
}

/** Console lines Chromium logged for the page: uncaught errors, CSP refusals. */
function consoleLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /:CONSOLE[:(]|Refused to|Uncaught/.test(line));
}

const REQUIRED = process.env.POSTSHOW_REQUIRE_SHARED_DATA === '1';

describe.skipIf(CHROMIUM === undefined && !REQUIRED)('report.html in Chromium', () => {
  for (const variant of [
    { name: 'en', options: { language: 'en' as const } },
    { name: 'zh', options: { language: 'zh' as const } },
    { name: 'hostile', options: { language: 'en' as const, hostile: true } },
    { name: 'no-metrics', options: { language: 'zh' as const, withoutMetrics: true } },
  ]) {
    it(`renders the ${variant.name} review and plan without page errors`, async () => {
      const file = join(dir, `report-${variant.name}.html`);
      writeFileSync(file, renderReport(reportDataWithReview(variant.options)));
      const url = `file://${file}`;

      const dom = await chromium(['--dump-dom', url]);
      expect(consoleLines(dom.stderr)).toEqual([]);
      // What the browser built is what we wrote: each section once, no element injected by the hostile strings.
      for (const id of ['timeline', 'review', 'plan', 'highlights']) {
        expect(dom.stdout.match(new RegExp(`<section id="${id}"`, 'g'))?.length).toBe(1);
      }
      expect(dom.stdout).toContain('class="phase-ribbon"');
      expect(dom.stdout).toContain('class="channel-chart"');
      // (Chromium serialises text with its quotes unescaped: look for attributes inside tags, not for the words.)
      expect(dom.stdout).not.toMatch(/<script|<img src="x"|<[a-z][^>]*\son(?:mouseover|error)=/i);

      const png = join(dir, `report-${variant.name}.png`);
      const shot = await chromium([`--screenshot=${png}`, '--window-size=1280,3000', url]);
      expect(consoleLines(shot.stderr)).toEqual([]);
      expect(statSync(png).size).toBeGreaterThan(50_000);
      expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG');
    });
  }
});
