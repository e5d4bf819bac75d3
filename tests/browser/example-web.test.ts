/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '#shared/infrastructure/database/postgres-database.js';
import {
  CreateTodoDocument,
  EditTodoDocument,
  LoginDocument,
  TodoDocument,
} from '../../schema/generated/graphql.js';
import {
  collectPageErrors,
  launchChromium,
  offlineContext,
  screenshot,
} from '../support/browser.js';
import { graphql } from '../support/http.js';
import { databaseUrl, dropDatabase, withAdmin } from '../support/postgres-admin.js';
import { type StaticSite, serveStatic } from '../support/static-site.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const APP = resolve('examples/web');
const PASSWORD = 'a long enough password';

let built: string | undefined;

/** Builds examples/web with `npm run build` there (tsc, then Vite); once per run. */
function buildExampleApp(): string {
  if (built) {
    return built;
  }
  if (!existsSync(join(APP, 'node_modules', '.bin', 'vite'))) {
    throw new Error('examples/web has no dependencies: run `npm ci --prefix examples/web` first.');
  }
  // Type-checked against the generated documents, then bundled.
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: APP, stdio: 'inherit' });
  built = join(APP, 'dist');
  return built;
}

async function bearerFor(server: TestServer, email: string) {
  const login = await graphql(server.url, LoginDocument, { input: { email, password: PASSWORD } });
  return { authorization: `Bearer ${login.body.data?.login.auth?.accessToken ?? ''}` };
}

const todoItems = (page: Page) => page.locator('li.todo');
const item = (page: Page, content: string) => page.locator('li.todo', { hasText: content });
const countText = (page: Page) => page.locator('li.count').innerText();

async function signUp(page: Page, email: string, name: string): Promise<void> {
  await page.getByRole('button', { name: 'No account? Create one' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect.poll(() => page.locator('header .who').innerText()).toContain(name);
}

describe('the example web app, from its own origin, against a real Strata, offline', () => {
  let site: StaticSite;
  let server: TestServer;
  let browser: Browser;
  let appUrl: string;

  beforeAll(async () => {
    site = await serveStatic(buildExampleApp());
    server = await startTestServer({
      env: { NODE_ENV: 'production', CORS_ORIGINS: site.origin, MAINTENANCE_POLL_MS: '200' },
    });
    appUrl = `${site.origin}/?api=${encodeURIComponent(`${server.url}/graphql`)}`;
    browser = await launchChromium();
  });
  /** A browser profile of its own for each test: nobody is signed in yet. */
  const freshPage = async () => (await offlineContext(browser)).context.newPage();
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
  });

  it('signs up, adds, scrolls, searches, filters, completes, edits through a conflict and deletes', async () => {
    const page = await freshPage();
    const errors = collectPageErrors(page);
    await page.goto(appUrl);
    await signUp(page, 'journey@example.com', 'Journey');

    // Bad input: refused with the field's message, nothing written.
    await page.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.locator('.new-todo .error').innerText()).toMatch(/content/i);
    await expect.poll(() => countText(page)).toBe('0 todos');

    await page.getByLabel('New todo').fill('Buy groceries for the party, what a lovely plan');
    await page.getByLabel('Tags').fill('home, urgent');
    await page.getByRole('button', { name: 'Add' }).click();
    const groceries = item(page, 'Buy groceries');
    await expect.poll(() => groceries.locator('.sentiment').innerText()).toBe('positive');
    await expect.poll(() => countText(page)).toBe('1 todo');

    // 30 more from another device: the list pages them in as it scrolls.
    const api = await bearerFor(server, 'journey@example.com');
    for (let i = 0; i < 30; i += 1) {
      await graphql(
        server.url,
        CreateTodoDocument,
        { input: { content: `Seeded item ${i}`, tags: ['bulk'] } },
        api,
      );
    }
    await page.reload();
    await expect.poll(() => countText(page)).toBe('31 todos');
    await expect.poll(() => todoItems(page).count()).toBe(20);
    await page.locator('li.loading').scrollIntoViewIfNeeded();
    await expect.poll(() => todoItems(page).count()).toBe(31);
    const contents = await todoItems(page).locator('.content').allInnerTexts();
    expect(new Set(contents).size).toBe(31);

    await page.getByLabel('Search todos').fill('groceries');
    await expect.poll(() => countText(page)).toBe('1 todo');
    await page.getByLabel('Search todos').fill('');
    await expect.poll(() => countText(page)).toBe('31 todos');
    const urgent = page.getByRole('group', { name: 'Filter by tag' }).getByRole('button', {
      name: /urgent/,
    });
    await urgent.click();
    await expect.poll(() => countText(page)).toBe('1 todo');
    await urgent.click();
    await expect.poll(() => countText(page)).toBe('31 todos');
    // The oldest todo is on the second page again.
    await page.locator('li.loading').scrollIntoViewIfNeeded();
    await expect.poll(() => todoItems(page).count()).toBe(31);

    await groceries.getByRole('checkbox').click();
    await expect.poll(() => groceries.getAttribute('class')).toContain('done');
    const id = (await groceries.getAttribute('data-id')) ?? '';
    const completed = await graphql(server.url, TodoDocument, { id }, api);
    expect(completed.body.data?.todo).toMatchObject({ completed: true, version: 2 });

    // Edited elsewhere while open here: VERSION_CONFLICT, the newer text shown, then kept mine.
    await groceries.getByRole('button', { name: 'Edit' }).click();
    await graphql(
      server.url,
      EditTodoDocument,
      { input: { id, content: 'Changed on another device', expectedVersion: 2 } },
      api,
    );
    await page.getByLabel('Edit todo').fill('Mine wins');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.locator('.conflict').innerText())
      .toContain('Changed on another device');
    await screenshot(page, 'example-web-conflict');
    await page.getByRole('button', { name: 'Keep mine' }).click();
    await expect.poll(() => item(page, 'Mine wins').count()).toBe(1);
    const edited = await graphql(server.url, TodoDocument, { id }, api);
    expect(edited.body.data?.todo).toMatchObject({ content: 'Mine wins', version: 4 });

    await item(page, 'Mine wins').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => countText(page)).toBe('30 todos');
    expect((await graphql(server.url, TodoDocument, { id }, api)).body.data?.todo).toBeNull();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'example-web');
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).toEqual([]);
  });

  it('refreshes the access token before it expires, and after Strata refuses it', async () => {
    const page = await freshPage();
    await page.goto(appUrl);
    await signUp(page, 'refresh@example.com', 'Refresh');
    const refreshes: string[] = [];
    page.on('request', (request) => {
      if (request.postData()?.includes('RefreshSession')) {
        refreshes.push(request.url());
      }
    });
    const stored = () =>
      page.evaluate(() => JSON.parse(localStorage.getItem('strata.session') ?? '{}'));
    const before = await stored();

    // Refused: a token Strata does not accept (as after a key rotation) is refreshed once.
    await page.evaluate(() => {
      const current = JSON.parse(localStorage.getItem('strata.session') ?? '{}');
      localStorage.setItem(
        'strata.session',
        JSON.stringify({ ...current, accessToken: `${current.accessToken}x` }),
      );
    });
    await page.reload();
    await expect.poll(() => countText(page)).toBe('0 todos');
    expect(refreshes).toHaveLength(1);
    const afterRefusal = await stored();
    expect(afterRefusal.sessionToken).not.toBe(before.sessionToken);

    // About to expire: refreshed before the request is sent.
    await page.evaluate(() => {
      const current = JSON.parse(localStorage.getItem('strata.session') ?? '{}');
      localStorage.setItem(
        'strata.session',
        JSON.stringify({ ...current, accessTokenExpiresAt: new Date().toISOString() }),
      );
    });
    await page.reload();
    await expect.poll(() => countText(page)).toBe('0 todos');
    expect(refreshes).toHaveLength(2);
    expect((await stored()).sessionToken).not.toBe(afterRefusal.sessionToken);

    await page.getByLabel('New todo').fill('Still signed in');
    await page.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => countText(page)).toBe('1 todo');
  });

  it('shows a maintenance banner with the time to retry, and clears it when maintenance ends', async () => {
    const page = await freshPage();
    await page.goto(appUrl);
    await signUp(page, 'maintenance@example.com', 'Ops');
    const ops = (maintenance: boolean) =>
      fetch(`${server.url}/v1/service-context`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_OPS_TOKEN}` },
        body: JSON.stringify({ maintenance }),
      });
    expect((await ops(true)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await page.getByLabel('New todo').fill('During maintenance');
    await page.getByRole('button', { name: 'Add' }).click();
    const banner = page.getByRole('alert').filter({ hasText: 'maintenance' }).first();
    await expect.poll(() => banner.innerText()).toMatch(/down for maintenance.*Try again in 30 s/);
    await screenshot(page, 'example-web-maintenance');
    expect((await ops(false)).status).toBe(200);
    await expect.poll(() => page.locator('.banner').count(), { timeout: 15_000 }).toBe(0);
  });
});

describe('the example web app with the model down', () => {
  let site: StaticSite;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    site = await serveStatic(buildExampleApp());
    server = await startTestServer({
      env: {
        NODE_ENV: 'production',
        CORS_ORIGINS: site.origin,
        // Nothing listens there: every model call fails, as with the inference tier down.
        INFERENCE_BACKEND: 'remote',
        INFERENCE_URL: 'http://127.0.0.1:9',
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
  });

  it('still lists the todos, each with an unavailable sentiment', async () => {
    const { context } = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.origin}/?api=${encodeURIComponent(`${server.url}/graphql`)}`);
    await signUp(page, 'nomodel@example.com', 'No model');
    await page.getByLabel('New todo').fill('Works without the model');
    await page.getByRole('button', { name: 'Add' }).click();
    const todo = item(page, 'Works without the model');
    await expect.poll(() => todo.locator('.sentiment').innerText()).toBe('sentiment unavailable');
    await expect.poll(() => countText(page)).toBe('1 todo');
  });
});

/**
 * Two tabs of one user, each on its own replica of one PostgreSQL database (the server
 * CI provides as TEST_POSTGRES_URL): each sees the other's changes live, and a tab whose
 * replica restarts catches up on what it missed.
 */
describe.runIf(process.env.TEST_POSTGRES_URL)(
  'the example web app live, across two replicas',
  () => {
    const adminUrl = process.env.TEST_POSTGRES_URL ?? '';
    const name = `strata_browser_live_${randomBytes(4).toString('hex')}`;
    let site: StaticSite;
    let replicas: TestServer[] = [];
    let browser: Browser;

    const replica = async (port = 0) => {
      const handle = await openPostgresDatabase({ url: databaseUrl(adminUrl, name), poolMax: 4 });
      return startTestServer({
        database: { ...handle, url: databaseUrl(adminUrl, name), statements: [] },
        env: { NODE_ENV: 'production', CORS_ORIGINS: site.origin, PORT: String(port) },
      });
    };
    const appOn = (server: TestServer) =>
      `${site.origin}/?api=${encodeURIComponent(`${server.url}/graphql`)}`;

    beforeAll(async () => {
      site = await serveStatic(buildExampleApp());
      await withAdmin(adminUrl, (sql) => sql.unsafe(`create database "${name}"`));
      replicas = [await replica(), await replica()];
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      for (const server of replicas) {
        await server.close();
      }
      await site?.close();
      await dropDatabase(adminUrl, name);
    });

    it("shows each tab the other's changes within a second, and loses nothing over a reconnect", async () => {
      const [first, second] = replicas as [TestServer, TestServer];
      const { context } = await offlineContext(browser);
      const tabA = await context.newPage();
      const errors = collectPageErrors(tabA);
      await tabA.goto(appOn(first));
      await signUp(tabA, 'tabs@example.com', 'Two tabs');
      // The same browser, so the same signed-in session; the other replica.
      const tabB = await context.newPage();
      await tabB.goto(appOn(second));
      for (const tab of [tabA, tabB]) {
        // The first connection waits for the page's scripts; on a loaded machine, a while.
        await expect
          .poll(() => tab.locator('header .live').innerText(), { timeout: 10_000 })
          .toBe('Live');
        await expect.poll(() => countText(tab)).toBe('0 todos');
      }

      await tabA.getByLabel('New todo').fill('Written in tab A');
      await tabA.getByRole('button', { name: 'Add' }).click();
      await expect.poll(() => item(tabA, 'Written in tab A').count()).toBe(1);
      const added = Date.now();
      await expect.poll(() => item(tabB, 'Written in tab A').count(), { timeout: 1_000 }).toBe(1);
      const seenAfter = Date.now() - added;

      await item(tabB, 'Written in tab A').getByRole('checkbox').click();
      await expect
        .poll(() => item(tabA, 'Written in tab A').getAttribute('class'), { timeout: 1_000 })
        .toContain('done');

      // Tab B's replica restarts (a rolling deploy): it says "going away", tab B reconnects to
      // the new process on the same address and resumes after the last event it had.
      const port = Number(new URL(second.url).port);
      await second.close();
      await expect
        .poll(() => tabB.locator('header .live').innerText(), { timeout: 10_000 })
        .toBe('Reconnecting…');
      await tabA.getByLabel('New todo').fill('Written while B was away');
      await tabA.getByRole('button', { name: 'Add' }).click();
      await expect.poll(() => item(tabA, 'Written while B was away').count()).toBe(1);
      replicas[1] = await replica(port);
      await expect
        .poll(() => item(tabB, 'Written while B was away').count(), { timeout: 15_000 })
        .toBe(1);
      await expect
        .poll(() => tabB.locator('header .live').innerText(), { timeout: 10_000 })
        .toBe('Live');
      await expect.poll(() => countText(tabB)).toBe('2 todos');
      await screenshot(tabB, 'example-web-live');
      expect(seenAfter).toBeLessThan(1_000);
      expect(errors.filter((error) => !/Failed to load resource|WebSocket/.test(error))).toEqual(
        [],
      );
    });
  },
);
