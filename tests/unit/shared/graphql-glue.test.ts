import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LoginThrottled } from '#modules/identity/application/index.js';
import { InferenceErrorCode } from '#modules/inference/application/index.js';
import { DomainError } from '#shared/domain/domain-error.js';
import { err, ok } from '#shared/domain/result.js';
import { connectionOf } from '#shared/graphql/connection.js';
import { CursorRefusal, cursorCodec, timeKeysetCursor } from '#shared/graphql/cursor.js';
import { isUserError, toGraphQLError } from '#shared/graphql/errors.js';
import { payloadOf } from '#shared/graphql/payload.js';

const invalidTag = new DomainError('INVALID_TAG', 'Tag "x y" is not a tag.', 'tags.0');
const unavailable = new DomainError(InferenceErrorCode.InferenceUnavailable, 'The model is down.');

const thrown = (work: () => unknown): GraphQLError => {
  try {
    work();
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('expected a throw');
};

describe('the domain error table', () => {
  it("keeps identity's RATE_LIMITED at the top level, with when to retry", () => {
    const error = toGraphQLError(new LoginThrottled(42));

    expect(error).toBeInstanceOf(GraphQLError);
    expect([error.message, error.extensions]).toEqual([
      'Too many failed sign-in attempts. Try again in 42 s.',
      { code: 'RATE_LIMITED', retryAfterSeconds: 42 },
    ]);
    expect(isUserError(new LoginThrottled(42))).toBe(false);
  });

  it("keeps inference's INFERENCE_UNAVAILABLE, and lets a payload carry it", () => {
    expect(toGraphQLError(unavailable).extensions).toEqual({ code: 'INFERENCE_UNAVAILABLE' });
    expect(isUserError(unavailable)).toBe(true);
  });

  it("turns any other code into BAD_USER_INPUT on the error's field", () => {
    const error = toGraphQLError(invalidTag);

    expect([error.message, error.extensions]).toEqual([
      'Tag "x y" is not a tag.',
      { code: 'BAD_USER_INPUT', field: 'tags.0' },
    ]);
  });
});

describe('payloadOf', () => {
  it('puts the value under its key, with no userErrors', () => {
    expect(payloadOf('todo', ok({ id: '1' }))).toEqual({ todo: { id: '1' }, userErrors: [] });
  });

  it('lists every error as a userError and leaves the value null, or what the field needs', () => {
    expect(payloadOf('todo', err([invalidTag, unavailable]))).toEqual({
      todo: null,
      userErrors: [
        { code: 'INVALID_TAG', field: 'tags.0', message: 'Tag "x y" is not a tag.' },
        { code: 'INFERENCE_UNAVAILABLE', field: null, message: 'The model is down.' },
      ],
    });
    expect(payloadOf('success', err(invalidTag), false)).toMatchObject({ success: false });
  });

  it('throws an error that must not be a userError as the top-level error', () => {
    const error = thrown(() => payloadOf('auth', err(new LoginThrottled(7))));

    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 7 });
  });
});

describe('connectionOf', () => {
  it('makes one edge per item and the PageInfo of a forward page', () => {
    const page = { items: ['a', 'b'], hasNextPage: true };

    expect(connectionOf(page, (item) => ({ cursor: `c-${item}`, node: item }))).toEqual({
      edges: [
        { cursor: 'c-a', node: 'a' },
        { cursor: 'c-b', node: 'b' },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: 'c-a', endCursor: 'c-b' },
    });
  });

  it('gives an empty page null cursors', () => {
    expect(
      connectionOf({ items: [], hasNextPage: false }, () => ({ cursor: '', node: 0 })),
    ).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });
});

describe('cursor codecs', () => {
  const users = timeKeysetCursor('users', 'createdAt');
  const position = {
    createdAt: new Date('2026-01-15T09:30:00.000Z'),
    id: '00000000-0000-4000-8000-000000000001',
  };
  const badAfter = (cursor: string) => thrown(() => users.decode(cursor)).extensions;

  it('reads back the position it wrote, from base64url JSON tagged with its list', () => {
    const cursor = users.encode(position);

    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toEqual({
      k: 'users',
      createdAt: '2026-01-15T09:30:00.000Z',
      id: position.id,
    });
    expect(users.decode(cursor)).toEqual(position);
  });

  it.each([
    ['not base64url JSON', 'not a cursor'],
    ['another list', timeKeysetCursor('predictions', 'createdAt').encode(position)],
    ['a missing key', Buffer.from('{"k":"users","id":"x"}').toString('base64url')],
    [
      'an id that is no UUID',
      Buffer.from('{"k":"users","createdAt":"2026-01-15T09:30:00Z","id":"1"}').toString(
        'base64url',
      ),
    ],
  ])('refuses %s as BAD_USER_INPUT on after', (_case, cursor) => {
    expect(badAfter(cursor)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it("says the codec's own reason for a cursor its list refuses", () => {
    const strict = cursorCodec({
      kind: 'strict',
      keys: ['v'],
      write: (value: string) => ({ v: value }),
      read: ({ v }) => (v === 'ok' ? v : new CursorRefusal('That cursor is stale.')),
    });

    expect(thrown(() => strict.decode(strict.encode('old'))).message).toBe('That cursor is stale.');
    expect(strict.decode(strict.encode('ok'))).toBe('ok');
  });
});
