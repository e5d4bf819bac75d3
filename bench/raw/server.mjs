/**
 * The physical limit Strata is measured against (`npm run bench:http`): a hand-written
 * endpoint for exactly the benchmark's requests, with no GraphQL library. node:http and
 * postgres.js (or PGlite in-process with DATA_DIR), one process. For each request it does
 * the work Strata must do — verifies the same HS256 JWT with jose (issuer, audience,
 * expiry, algorithm pinned), reads the session row on every request (so a sign-out would
 * take effect at once), reads the page with the same statement and the owner — and
 * answers byte-for-byte the JSON Strata answers. It is the best a hand-written server does:
 * the HMAC key imported once, prepared statements, one JSON.stringify.
 *
 * Environment: PORT, DATABASE_URL or DATA_DIR, JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE,
 * DATABASE_POOL_MAX (10, as Strata's default).
 */
import { createHash, createSecretKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { jwtVerify } from 'jose';
import { QUERIES } from './queries.mjs';

const env = process.env;
const version = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;
const key = createSecretKey(Buffer.from(env.JWT_SECRET ?? '', 'utf8'));
const verifyOptions = {
  algorithms: ['HS256'],
  issuer: env.JWT_ISSUER ?? 'strata',
  audience: env.JWT_AUDIENCE ?? 'strata',
  requiredClaims: ['sub', 'exp', 'sid', 'role'],
};

const SESSION = 'select user_id, expires_at, revoked_at from identity.sessions where id = $1';
const PAGE = `select id, owner_id, content, tags, completed_at, created_at, updated_at, version,
  to_json(created_at) #>> '{}' as key,
  (select count(*)::int from todos.todos where owner_id = $1) as total
  from todos.todos where owner_id = $1 order by created_at desc, id desc limit $2`;
const OWNER = 'select id, display_name from identity.users where id = $1';

/** The database: postgres.js with named prepared statements, or PGlite in this process. */
async function openDatabase() {
  if (env.DATABASE_URL) {
    const { default: postgres } = await import('postgres');
    const sql = postgres(env.DATABASE_URL, {
      max: Number(env.DATABASE_POOL_MAX ?? 10),
      onnotice: () => {},
      connection: { application_name: 'strata-raw' },
    });
    return {
      query: (text, params) => sql.unsafe(text, params, { prepare: true }),
      close: () => sql.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(env.DATA_DIR);
  return {
    query: async (text, params) => (await db.query(text, params)).rows,
    close: () => db.close(),
  };
}

const database = await openDatabase();

/** The cursor digest of the default list (CREATED_AT DESC, no filter), as Strata makes it. */
const LIST = createHash('sha256')
  .update(JSON.stringify(['CREATED_AT', 'DESC', null, [], null]))
  .digest('base64url')
  .slice(0, 16);
const cursorOf = (key, id) =>
  Buffer.from(JSON.stringify({ k: 'todos', l: LIST, v: key, i: id })).toString('base64url');

const unauthenticated = JSON.stringify({
  errors: [{ message: 'Sign in first.', extensions: { code: 'UNAUTHENTICATED' } }],
});

/** The viewer's user id, or null: the token verified and its session row still valid. */
async function viewerOf(authorization) {
  if (!authorization?.startsWith('Bearer ')) {
    return null;
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(authorization.slice(7), key, verifyOptions));
  } catch {
    return null;
  }
  const [session] = await database.query(SESSION, [payload.sid]);
  const valid =
    session &&
    session.revoked_at === null &&
    new Date(session.expires_at) > new Date() &&
    session.user_id === payload.sub;
  return valid ? payload.sub : null;
}

async function todosPage(userId, first) {
  const rows = await database.query(PAGE, [userId, first + 1]);
  const [owner] = await database.query(OWNER, [userId]);
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({
    cursor: cursorOf(row.key, row.id),
    node: {
      id: row.id,
      content: row.content,
      tags: row.tags,
      completed: row.completed_at !== null,
      createdAt: new Date(row.created_at).toISOString(),
      version: row.version,
      owner: { id: owner.id, displayName: owner.display_name },
    },
  }));
  return JSON.stringify({
    data: {
      todos: {
        totalCount: rows[0]?.total ?? 0,
        edges,
        pageInfo: {
          hasNextPage: rows.length > first,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
      },
    },
  });
}

async function answer(request, body) {
  const { query, variables } = JSON.parse(body);
  if (query === QUERIES.serviceContext) {
    return JSON.stringify({ data: { serviceContext: { version } } });
  }
  if (query === QUERIES.todos) {
    const userId = await viewerOf(request.headers.authorization);
    return userId ? todosPage(userId, variables.first) : unauthenticated;
  }
  return null;
}

const server = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/graphql') {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    answer(request, Buffer.concat(chunks).toString('utf8')).then(
      (json) => {
        if (json === null) {
          response.writeHead(400).end();
          return;
        }
        // Apollo Server ends its JSON with a newline; so does this, for identical bytes.
        const text = `${json}\n`;
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        response.end(text);
      },
      (error) => {
        console.error(error);
        response.writeHead(500).end();
      },
    );
  });
});

server.listen(Number(env.PORT ?? 4001), '127.0.0.1', () => {
  console.log(`raw endpoint listening on ${env.PORT ?? 4001}`);
});
process.on('SIGTERM', () => {
  server.close();
  void database.close().then(() => process.exit(0));
});
