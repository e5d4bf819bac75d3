import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompleteTodoDocument,
  CreateTodoDocument,
  PredictionsDocument,
  type PredictionsQuery,
  PredictSentimentDocument,
  RegisterDocument,
  TodosDocument,
  type TodosQuery,
} from '../../schema/generated/graphql.js';
import { type GraphQLResponse, graphql } from '../support/http.js';
import { type RunningServer, spawnServer } from '../support/processes.js';
import { openTestDatabase, type TestDatabase, testDatabaseKind } from '../support/test-database.js';

/**
 * The soak: 64 connections for SOAK_SECONDS (60 by default) of mixed reads and writes
 * against a production-mode server process, on the suite's database (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL). Every request must succeed, and every write the
 * server acknowledged must be in the database afterwards.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const USERS = 8;
const CONNECTIONS = 64;

interface Account {
  readonly headers: Record<string, string>;
  readonly created: Map<string, string>;
  readonly completed: Set<string>;
  predictions: number;
}

describe(`the soak: ${CONNECTIONS} connections for ${SECONDS} s`, () => {
  let server: RunningServer;
  let database: TestDatabase | null = null;
  const dataDir = mkdtempSync(join(tmpdir(), 'strata-soak-'));

  beforeAll(async () => {
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (testDatabaseKind === 'postgres') {
      database = await openTestDatabase();
      env.DATABASE_URL = database.url ?? '';
    }
    server = await spawnServer(env);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request and keeps every acknowledged write', async () => {
    const accounts: Account[] = [];
    for (let i = 0; i < USERS; i += 1) {
      const registered = await graphql(server.url, RegisterDocument, {
        input: {
          email: `soak${i}@example.com`,
          password: 'a long enough password',
          displayName: `S${i}`,
        },
      });
      const token = registered.body.data?.register.auth?.accessToken;
      expect(token).toBeTruthy();
      accounts.push({
        headers: { authorization: `Bearer ${token}` },
        created: new Map(),
        completed: new Set(),
        predictions: 0,
      });
    }

    const failures: string[] = [];
    let requests = 0;
    const until = Date.now() + SECONDS * 1000;
    const worker = async (account: Account, id: number) => {
      let n = 0;
      while (Date.now() < until) {
        n += 1;
        const roll = Math.random();
        requests += 1;
        try {
          if (roll < 0.45) {
            const content = `soak todo ${id}-${n} is a good one`;
            const response = await graphql(
              server.url,
              CreateTodoDocument,
              { input: { content, tags: ['soak'] } },
              account.headers,
            );
            const todo = response.body.data?.createTodo.todo;
            if (!todo) {
              failures.push(
                `create: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
              );
            } else {
              account.created.set(todo.id, content);
            }
          } else if (roll < 0.6 && account.created.size > 0) {
            const ids = [...account.created.keys()];
            const target = ids[Math.floor(Math.random() * ids.length)] as string;
            const response = await graphql(
              server.url,
              CompleteTodoDocument,
              { id: target },
              account.headers,
            );
            const payload = response.body.data?.completeTodo;
            // Completing is idempotent: a completed todo stays completed, with no userError.
            if (payload?.todo?.completed) {
              account.completed.add(target);
            } else {
              failures.push(
                `complete: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
              );
            }
          } else if (roll < 0.85) {
            const response = await graphql(
              server.url,
              TodosDocument,
              { first: 20 },
              account.headers,
            );
            if (!response.body.data?.todos || response.body.errors) {
              failures.push(
                `list: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
              );
            }
          } else {
            const response = await graphql(
              server.url,
              PredictSentimentDocument,
              { text: `soak text ${id}-${n}, a happy one` },
              account.headers,
            );
            if (response.body.data?.predictSentiment.prediction) {
              account.predictions += 1;
            } else {
              failures.push(
                `predict: ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`,
              );
            }
          }
        } catch (error) {
          failures.push(`transport: ${String(error)}`);
        }
      }
    };
    await Promise.all(
      Array.from({ length: CONNECTIONS }, (_, i) => worker(accounts[i % USERS] as Account, i)),
    );

    expect(failures.slice(0, 5)).toEqual([]);
    // Every connection got through more than once; throughput is the benchmarks' business.
    expect(requests).toBeGreaterThan(CONNECTIONS * 2);
    console.info(
      `soak: ${requests} requests in ${SECONDS} s over ${CONNECTIONS} connections, ${failures.length} failed`,
    );

    for (const account of accounts) {
      const stored = new Map<string, boolean>();
      let after: string | null = null;
      do {
        const page: GraphQLResponse<TodosQuery> = await graphql(
          server.url,
          TodosDocument,
          { first: 100, after },
          account.headers,
        );
        const todos = page.body.data?.todos;
        expect(todos).toBeTruthy();
        for (const edge of todos?.edges ?? []) {
          stored.set(edge.node.id, edge.node.completed);
        }
        after = todos?.pageInfo.hasNextPage ? (todos.pageInfo.endCursor ?? null) : null;
      } while (after);
      expect(stored.size).toBe(account.created.size);
      for (const id of account.created.keys()) {
        expect(stored.has(id)).toBe(true);
      }
      for (const id of account.completed) {
        expect(stored.get(id)).toBe(true);
      }
      let predictions = 0;
      let cursor: string | null = null;
      do {
        const page: GraphQLResponse<PredictionsQuery> = await graphql(
          server.url,
          PredictionsDocument,
          { first: 100, after: cursor },
          account.headers,
        );
        const list = page.body.data?.predictions;
        predictions += list?.edges.length ?? 0;
        cursor = list?.pageInfo.hasNextPage ? (list.pageInfo.endCursor ?? null) : null;
      } while (cursor);
      expect(predictions).toBe(account.predictions);
    }
  });
});
