/**
 * Real headless Chromium for page tests: Debian's /usr/bin/chromium driven by playwright-core (which downloads no
 * browser of its own). Tests skip where it is missing, except under POSTSHOW_REQUIRE_SHARED_DATA=1 (CI installs it).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = [process.env.POSTSHOW_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));
export const BROWSER_REQUIRED = process.env.POSTSHOW_REQUIRE_SHARED_DATA === '1';

export function launchChromium(): Promise<Browser> {
  if (CHROMIUM_PATH === undefined) throw new Error('Chromium is not installed: run scripts/install-system-packages.sh');
  // Autoplay without a gesture so a test can press play on a muted video.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'] });
}
