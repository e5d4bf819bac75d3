import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * The system's Chromium (Debian's `chromium` package), driven by playwright-core: nothing
 * is downloaded. CHROMIUM_PATH points elsewhere.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Origins the offline context refused, in the order the page asked for them. */
export interface OfflineContext {
  readonly context: BrowserContext;
  readonly refused: string[];
}

/**
 * A browser context with no network beyond the loopback: every other request fails as it
 * would offline, whatever the machine running the test can reach.
 */
export async function offlineContext(browser: Browser): Promise<OfflineContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const refused: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.protocol === 'data:') {
      await route.continue();
    } else {
      refused.push(url.origin);
      await route.abort('internetdisconnected');
    }
  });
  return { context, refused };
}

/** Errors the page threw or logged, so a test can show them when it fails. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(message.text());
    }
  });
  return errors;
}

/**
 * A screenshot into tests/browser/.screenshots (ignored by git), and into docs/images too
 * when UPDATE_SCREENSHOTS is set: the docs show what the tests saw.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folders = [join('tests', 'browser', '.screenshots')];
  if (process.env.UPDATE_SCREENSHOTS) {
    folders.push(join('docs', 'images'));
  }
  for (const folder of folders) {
    mkdirSync(folder, { recursive: true });
    await page.screenshot({ path: join(folder, `${name}.png`) });
  }
}
