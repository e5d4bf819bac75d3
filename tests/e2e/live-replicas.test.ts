import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTodoDocument,
  RegisterDocument,
  TodoEventsDocument,
  type TodoEventsSubscription,
} from '../../schema/generated/graphql.js';
import { graphql } from '../support/http.js';
import { type Followed, follow, liveClient } from '../support/live-client.js';
import { type RunningServer, spawnServer } from '../support/processes.js';
import { TEST_OPS_TOKEN } from '../support/test-config.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';

type Events = Followed<TodoEventsSubscription>;

const contents = (followed: Events) =>
  followed.data().map((data) => data.todoEvents.todo?.content ?? data.todoEvents.kind);
const lastCursor = (followed: Events) => followed.data().at(-1)?.todoEvents.cursor ?? null;
/** Long enough for a subscription's subscribe message to be taken before a change. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 200));

async function signUp(url: string, name: string) {
  const response = await graphql(url, RegisterDocument, {
    input: { email: `${name}@example.com`, password: 'a long enough password', displayName: name },
  });
  const auth = response.body.data?.register.auth;
  if (!auth) {
    throw new Error(JSON.stringify(response.body));
  }
  return { token: auth.accessToken, headers: { authorization: `Bearer ${auth.accessToken}` } };
}
type Account = Awaited<ReturnType<typeof signUp>>;

async function create(url: string, account: Account, content: string) {
  const response = await graphql(url, CreateTodoDocument, { input: { content } }, account.headers);
  if (!response.body.data?.createTodo.todo) {
    throw new Error(JSON.stringify(response.body));
  }
  return response;
}

/**
 * Replicas as operators run them: separate processes on one PostgreSQL server. The relay's
 * timer is set to a minute, so whatever arrives within a second came through NOTIFY.
 */
describe.runIf(testDatabaseKind === 'postgres')('live events across replica processes', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let first: RunningServer;
  let second: RunningServer;
  const dirs: string[] = [];

  const spawnReplica = () => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-live-'));
    dirs.push(dir);
    return spawnServer({ ...env, DATA_DIR: dir });
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    env = {
      DATABASE_URL: database.url ?? '',
      OPS_TOKEN: TEST_OPS_TOKEN,
      OUTBOX_POLL_INTERVAL_MS: '60000',
    };
    [first, second] = await Promise.all([spawnReplica(), spawnReplica()]);
  }, 120_000);
  afterAll(async () => {
    for (const server of [first, second]) {
      if (server && server.process.exitCode === null && server.process.signalCode === null) {
        await server.stop('SIGKILL');
      }
    }
    await database?.close();
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('delivers a change made on one replica to a subscriber on the other within a second', async () => {
    const ada = await signUp(first.url, 'ada-replicas');
    const client = liveClient(second.url, ada.token);
    const followed = follow(client, TodoEventsDocument, { after: null });
    await settled();

    const latencies: number[] = [];
    for (let index = 1; index <= 5; index += 1) {
      await create(first.url, ada, `change ${index}`);
      const committed = Date.now();
      await followed.received(index, 1_000);
      latencies.push(Date.now() - committed);
    }
    expect(contents(followed)).toEqual([
      'change 1',
      'change 2',
      'change 3',
      'change 4',
      'change 5',
    ]);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    await client.dispose();
  });

  it('resumes on the other replica with exactly the events missed', async () => {
    const ada = await signUp(first.url, 'ada-resume');
    const onSecond = liveClient(second.url, ada.token);
    const before = follow(onSecond, TodoEventsDocument, { after: null });
    await settled();
    await create(first.url, ada, 'seen 1');
    await create(second.url, ada, 'seen 2');
    await before.received(2);
    await onSecond.dispose();

    await create(first.url, ada, 'missed 1');
    await create(second.url, ada, 'missed 2');
    await create(first.url, ada, 'missed 3');

    const onFirst = liveClient(first.url, ada.token);
    const resumed = follow(onFirst, TodoEventsDocument, { after: lastCursor(before) });
    await resumed.received(3);
    await create(second.url, ada, 'live');
    await resumed.received(4);
    await settled();
    expect(contents(resumed)).toEqual(['missed 1', 'missed 2', 'missed 3', 'live']);
    await onFirst.dispose();
  });

  it('tells subscribers "going away" on shutdown; they resume on the other replica without a gap', async () => {
    const ada = await signUp(first.url, 'ada-rollout');
    const client = liveClient(first.url, ada.token);
    const followed = follow(client, TodoEventsDocument, { after: null });
    await settled();
    await create(first.url, ada, 'before the roll');
    await followed.received(1);

    const stopping = first.stop('SIGTERM');
    const closed = (await followed.ended) as { code?: number; reason?: string };
    expect(closed).toMatchObject({ code: 1001 });
    expect(closed.reason).toContain('resume with after');
    await create(second.url, ada, 'during the roll');
    expect(await stopping).toBe(0);

    const elsewhere = liveClient(second.url, ada.token);
    const resumed = follow(elsewhere, TodoEventsDocument, { after: lastCursor(followed) });
    await resumed.received(1);
    await create(second.url, ada, 'after the roll');
    await resumed.received(2);
    expect(contents(resumed)).toEqual(['during the roll', 'after the roll']);
    await elsewhere.dispose();
    first = await spawnReplica();
  }, 60_000);

  it('delivers an event whose writer was killed with -9 right after the commit', async () => {
    const ada = await signUp(second.url, 'ada-crash');
    const survivor = liveClient(second.url, ada.token);
    const watching = follow(survivor, TodoEventsDocument, { after: null });
    const doomed = liveClient(first.url, ada.token);
    const onDoomed = follow(doomed, TodoEventsDocument, { after: null });
    await settled();
    await create(first.url, ada, 'committed');
    await onDoomed.received(1);
    const cursor = lastCursor(onDoomed);

    // The answer means the transaction committed; nothing after it gets a chance to run.
    await create(first.url, ada, 'then killed');
    await first.stop('SIGKILL');

    await watching.received(2, 1_000);
    expect(contents(watching)).toEqual(['committed', 'then killed']);

    first = await spawnReplica();
    const restarted = liveClient(first.url, ada.token);
    const resumed = follow(restarted, TodoEventsDocument, { after: cursor });
    await resumed.received(1);
    expect(contents(resumed)).toEqual(['then killed']);
    await Promise.all([survivor.dispose(), doomed.dispose(), restarted.dispose()]);
  }, 60_000);
});

/** The embedded database: one process, its data directory surviving a kill -9. */
describe.runIf(testDatabaseKind === 'embedded')('live events on the embedded database', () => {
  let dataDir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'strata-live-embedded-'));
    server = await spawnServer({ DATA_DIR: dataDir, OPS_TOKEN: TEST_OPS_TOKEN });
  }, 60_000);
  afterAll(async () => {
    if (server.process.exitCode === null && server.process.signalCode === null) {
      await server.stop('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps an event committed right before a kill -9 and replays it after the restart', async () => {
    const ada = await signUp(server.url, 'ada-embedded');
    const client = liveClient(server.url, ada.token);
    const followed = follow(client, TodoEventsDocument, { after: null });
    await settled();
    await create(server.url, ada, 'seen');
    await followed.received(1);
    const cursor = lastCursor(followed);
    await client.dispose();

    await create(server.url, ada, 'committed, then killed');
    await server.stop('SIGKILL');
    server = await spawnServer({ DATA_DIR: dataDir, OPS_TOKEN: TEST_OPS_TOKEN });

    // The access token's signing key is the configured JWT_SECRET: it still verifies.
    const restarted = liveClient(server.url, ada.token);
    const resumed = follow(restarted, TodoEventsDocument, { after: cursor });
    await resumed.received(1);
    await create(server.url, ada, 'after the restart');
    await resumed.received(2);
    expect(contents(resumed)).toEqual(['committed, then killed', 'after the restart']);
    await restarted.dispose();
  }, 90_000);
});
