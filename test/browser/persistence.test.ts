/**
 * Settings outlive the browser and the extension: a pause set from the card still holds after
 * Chromium restarts on the same profile, and after the extension is updated (reloaded in
 * Chromium, installed again over itself in Firefox, as a new version would be).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  chromiumExtensionErrors,
  launchChromium,
  launchFirefox,
  type LaunchedBrowser,
  type TestPage,
} from '../support/browsers.mjs';
import { paintedTexts, pauseFromCard, sleep, waitFor } from '../support/page-probes';
import { fixtureServer } from '../support/fixture-server';

const server = fixtureServer();

/** Loads the card fixture, presses "Pause Backstory" in its card, and sees the marks go. */
async function pauseOnCardPage(page: TestPage, browser: LaunchedBrowser) {
  await page.goto(`${server.url}/card.html`);
  expect((await waitFor(() => paintedTexts(page), (t) => t.length > 0)).length).toBeGreaterThan(0);
  await pauseFromCard(page, browser);
  expect(await waitFor(() => paintedTexts(page), (t) => t.length === 0)).toEqual([]);
}

/** Whether Backstory marks anything on a fresh load of the card fixture. */
async function marksAfterLoad(page: TestPage): Promise<string[]> {
  await page.goto(`${server.url}/card.html`);
  await sleep(1500); // longer than a first scan takes
  return paintedTexts(page);
}

describe.skipIf(!browserAvailable('chromium'))('in chromium, settings persist', () => {
  let profileDir: string;
  beforeAll(async () => {
    profileDir = await mkdtemp(path.join(os.tmpdir(), 'backstory-profile-'));
  });
  afterAll(async () => {
    await rm(profileDir, { recursive: true, force: true });
  });

  it('across a browser restart and an extension update', async () => {
    let browser = await launchChromium('dist/chrome', { profileDir });
    try {
      await pauseOnCardPage(await browser.newPage(), browser);
    } finally {
      await browser.close();
    }
    // Paused: the background keeps no content script registered (decision 009).
    browser = await launchChromium('dist/chrome', { profileDir, registered: false });
    try {
      const page = await browser.newPage();
      expect(await marksAfterLoad(page)).toEqual([]);
      await chromiumExtensionErrors(browser.raw, browser.extensionId); // reloads the extension, as an update does
      expect(await marksAfterLoad(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe.skipIf(!browserAvailable('firefox'))('in firefox, settings persist', () => {
  it('across an extension update', async () => {
    const browser = await launchFirefox('dist/firefox');
    try {
      const page = await browser.newPage();
      await pauseOnCardPage(page, browser);
      await browser.raw.installExtension(path.resolve('dist/firefox')); // the same id again: an update
      expect(await marksAfterLoad(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
