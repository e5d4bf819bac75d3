import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTodoDocument, RegisterDocument } from '../../schema/generated/graphql.js';
import {
  collectPageErrors,
  launchChromium,
  type OfflineContext,
  offlineContext,
  screenshot,
} from '../support/browser.js';
import { graphql } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** The visible text of an element; Monaco renders spaces as no-break spaces. */
async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).innerText()).replace(/\u00a0/g, ' ');
}

/** Replaces a Monaco editor's whole text, as a user selecting all and pasting would. */
async function replaceEditorText(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(`${editor} .monaco-editor >> visible=true`).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Runs the document; with several operations in it, GraphiQL asks which one. */
async function run(page: Page, operation?: string): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  if (operation) {
    await page.getByRole('menuitem', { name: operation }).click();
  }
  await expect
    .poll(() => textOf(page, '.result-window'), { timeout: 15_000 })
    .toMatch(/"data"|"errors"/);
  return textOf(page, '.result-window');
}

describe('the explorer, offline, from a production server that turns it on', () => {
  let server: TestServer;
  let browser: Browser;
  let offline: OfflineContext;
  let accessToken: string;

  beforeAll(async () => {
    server = await startTestServer({
      env: { NODE_ENV: 'production', GRAPHQL_EXPLORER: 'auto', SERVICE_PREFIX: '/api' },
    });
    const registered = await graphql(server.url, RegisterDocument, {
      input: {
        email: 'explorer@example.com',
        password: 'a long enough password',
        displayName: 'E',
      },
    });
    accessToken = registered.body.data?.register.auth?.accessToken ?? '';
    browser = await launchChromium();
    offline = await offlineContext(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('falls back from Apollo Sandbox to the GraphiQL Strata serves, and runs a query', async () => {
    const page = await offline.context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${server.url}/graphql`);

    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    expect(offline.refused).toContain('https://embeddable-sandbox.cdn.apollographql.com');
    // The headers editor is open on the hint for the access token.
    await expect
      .poll(() => textOf(page, '.graphiql-editor-tool'))
      .toContain('Bearer <accessToken from login>');

    // The default document runs as it is: the hint is not sent as a token.
    const result = JSON.parse(await run(page, 'ServiceContext')) as {
      data?: { serviceContext?: unknown };
    };
    expect(result.data?.serviceContext).toMatchObject({ maintenance: false });
    await screenshot(page, 'explorer-graphiql');
    expect(
      errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(error)),
    ).toEqual([]);
  });

  it('browses the schema in the docs panel, with its descriptions', async () => {
    const page = await offline.context.newPage();
    await page.goto(`${server.url}/graphql`);
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('todos', { exact: true }).first().click();
    await expect.poll(() => docs.innerText()).toMatch(/1.*100/);
  });

  it('sends the access token put in the headers editor, and keeps the run in history', async () => {
    const page = await offline.context.newPage();
    await page.goto(`${server.url}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    await replaceEditorText(page, '.graphiql-query-editor', '{ me { email displayName } }');
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await replaceEditorText(
      page,
      '.graphiql-editor-tool',
      JSON.stringify({ Authorization: `Bearer ${accessToken}` }),
    );
    const result = JSON.parse(await run(page)) as { data?: { me?: unknown } };
    expect(result.data?.me).toEqual({ email: 'explorer@example.com', displayName: 'E' });

    await page.getByRole('button', { name: /history/i }).click();
    await expect.poll(() => page.locator('.graphiql-history').innerText()).toMatch(/me/);
  });

  it('runs a subscription over WebSocket with that token, and shows each event as it comes', async () => {
    const page = await offline.context.newPage();
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));
    await page.goto(`${server.url}/graphql`);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 30_000 });
    await replaceEditorText(
      page,
      '.graphiql-query-editor',
      'subscription { todoEvents { kind todo { content } } }',
    );
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await replaceEditorText(
      page,
      '.graphiql-editor-tool',
      JSON.stringify({ Authorization: `Bearer ${accessToken}` }),
    );
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => sockets).toEqual([`${server.url.replace(/^http/, 'ws')}/graphql`]);

    for (const content of ['First from elsewhere', 'Second from elsewhere']) {
      // Until the subscription is running, a change would not show: try again until it does.
      await expect
        .poll(
          async () => {
            await graphql(
              server.url,
              CreateTodoDocument,
              { input: { content } },
              { authorization: `Bearer ${accessToken}` },
            );
            return textOf(page, '.result-window');
          },
          { timeout: 15_000, interval: 1_000 },
        )
        .toContain(content);
    }
    expect(await textOf(page, '.result-window')).toContain('"kind": "CREATED"');
  });
});

describe('the explorer forced to Apollo Sandbox, offline', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({
      env: { NODE_ENV: 'development', GRAPHQL_EXPLORER: 'sandbox' },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says why it cannot load and which setting serves the built-in one', async () => {
    const { context } = await offlineContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/graphql`);
    await expect
      .poll(() => page.locator('#status').innerText(), { timeout: 15_000 })
      .toMatch(/Apollo Sandbox cannot be loaded.*GRAPHQL_EXPLORER=auto or graphiql/);
    expect(await page.locator('.graphiql-container').count()).toBe(0);
  });
});
