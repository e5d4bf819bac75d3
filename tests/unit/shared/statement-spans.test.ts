import { describe, expect, it } from 'vitest';
import { summarise } from '#shared/infrastructure/telemetry/statement-spans.js';

describe('statement summaries (span names)', () => {
  it('names the operation and the first table, with its schema as written', () => {
    expect(summarise('select "id" from "todos"."todos" where "owner_id" = $1')).toEqual({
      operation: 'SELECT',
      collection: 'todos.todos',
    });
    expect(summarise('\n  insert into "inference"."sentiment_scores" (model) values ($1)')).toEqual(
      {
        operation: 'INSERT',
        collection: 'inference.sentiment_scores',
      },
    );
    expect(summarise('update "identity"."sessions" set "last_used_at" = $1')).toEqual({
      operation: 'UPDATE',
      collection: 'identity.sessions',
    });
    expect(summarise('delete from outbox where position < $1')).toEqual({
      operation: 'DELETE',
      collection: 'outbox',
    });
  });

  it('names the operation alone when no table is named', () => {
    expect(summarise('select 1')).toEqual({ operation: 'SELECT' });
    expect(summarise('begin')).toEqual({ operation: 'BEGIN' });
    expect(summarise('   ')).toEqual({ operation: 'SQL' });
  });
});
