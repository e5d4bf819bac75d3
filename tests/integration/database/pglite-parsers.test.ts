import { PGlite, type QueryOptions } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDriverParsers } from '#shared/infrastructure/database/pglite-parsers.js';

/** Every type drizzle reads as text, plus some PGlite decodes itself. */
const VALUES = sql`select
  timestamp '2026-03-04 05:06:07.123' as ts,
  timestamptz '2026-03-04 05:06:07.123+02' as tstz,
  interval '1 day 02:03:04' as iv,
  date '2026-03-04' as d,
  array[1.5, 2.25]::numeric[] as nums,
  array[timestamp '2026-03-04 05:06:07']::timestamp[] as tss,
  array[timestamptz '2026-03-04 05:06:07+00']::timestamptz[] as tstzs,
  array[interval '1 hour']::interval[] as ivs,
  array[date '2026-03-04']::date[] as ds,
  array['a', 'b']::text[] as texts,
  42::int8 as big,
  '{"a": 1}'::jsonb as doc,
  true as flag`;

describe('PGlite without per-query parsers (withDriverParsers)', () => {
  let client: PGlite;
  const seen: (QueryOptions | undefined)[] = [];

  beforeAll(async () => {
    client = await PGlite.create();
    // Watch what reaches PGlite's own query, under the wrapper.
    const query = client.query.bind(client);
    client.query = ((text: string, params?: unknown[], options?: QueryOptions) => {
      seen.push(options);
      return query(text, params, options);
    }) as PGlite['query'];
  });

  afterAll(async () => {
    await client.close();
  });

  it('answers drizzle exactly as the plain client does, in and out of transactions', async () => {
    const plain = drizzle(client);
    const lean = drizzle(withDriverParsers(client));
    const expected = (await plain.execute(VALUES)).rows;
    expect(expected[0]).toMatchObject({ ts: '2026-03-04 05:06:07.123', iv: '1 day 02:03:04' });
    expect((await lean.execute(VALUES)).rows).toEqual(expected);
    expect(await lean.transaction(async (tx) => (await tx.execute(VALUES)).rows)).toEqual(expected);
    // And the plain client still answers the same after the table was changed.
    expect((await plain.execute(VALUES)).rows).toEqual(expected);
  });

  it("sends drizzle's queries without their parsers, and others' with theirs", async () => {
    const lean = drizzle(withDriverParsers(client));
    seen.length = 0;
    await lean.execute(sql`select 1 as one`);
    await lean.transaction(async (tx) => tx.execute(sql`select 1 as one`));
    const drizzles = seen.filter((options) => options?.rowMode !== undefined);
    expect(drizzles.length).toBeGreaterThanOrEqual(1);
    expect(drizzles.every((options) => options?.parsers === undefined)).toBe(true);

    seen.length = 0;
    const own = { 25: (value: string) => value.toUpperCase() };
    const answer = await withDriverParsers(client).query<{ word: string }>(
      "select 'quiet' as word",
      [],
      { parsers: own },
    );
    expect(answer.rows[0]?.word).toBe('QUIET');
    expect(seen[0]?.parsers).toBe(own);
  });

  it('serves two queries at once', async () => {
    const lean = drizzle(withDriverParsers(client));
    const [a, b] = await Promise.all([lean.execute(VALUES), lean.execute(VALUES)]);
    expect(a.rows).toEqual(b.rows);
  });
});
