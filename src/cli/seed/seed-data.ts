import { createHash } from 'node:crypto';

/** Every seeded user signs in with this password (documented in docs/operations.md). */
export const SEED_PASSWORD = 'strata-seed-password';

const VERBS = [
  'Buy',
  'Call',
  'Email',
  'Fix',
  'Plan',
  'Review',
  'Write',
  'Book',
  'Clean',
  'Read',
  'Prepare',
  'Renew',
  'Schedule',
  'Pay',
  'Order',
  'Update',
  'Organise',
  'Return',
  'Cancel',
  'Check',
];
const OBJECTS = [
  'groceries',
  'the dentist',
  'quarterly report',
  'bike tyre',
  'birthday party',
  'pull requests',
  'flight tickets',
  'kitchen',
  'tax return',
  'passport',
  'team meeting',
  'electricity bill',
  'new laptop',
  'garden shed',
  'library books',
  'car insurance',
  'wedding gifts',
  'conference talk',
  'project budget',
  'holiday photos',
];
const DETAILS = [
  'before Friday',
  'for next week',
  'with Sam',
  'this weekend',
  'after lunch',
  'again',
  'for the whole team',
  'as discussed',
  'if it rains',
  'before the deadline',
  'in the morning',
  'online',
  'at the office',
  'with the kids',
  'for mum',
];
const TAGS = [
  'home',
  'work',
  'shop',
  'urgent',
  'later',
  'family',
  'finance',
  'health',
  'travel',
  'garden',
  'car',
  'code',
  'reading',
  'errands',
  'ideas',
  'school',
  'sport',
  'music',
  'friends',
  'admin',
];

const DAY_MS = 86_400_000;

/** A UUID derived from a name: the same name always gives the same id (idempotent seeds). */
export function seedUuid(name: string): string {
  const hex = createHash('sha256').update(`strata-seed:${name}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A small deterministic generator, so seeded data is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(items: readonly T[], next: () => number): T =>
  items[Math.floor(next() * items.length)] as T;

export interface SeedUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
}

export function seedUser(index: number): SeedUser {
  return {
    id: seedUuid(`user:${index}`),
    email: `seed-user-${index}@example.com`,
    displayName: `Seed User ${index}`,
  };
}

export interface SeedTodo {
  readonly id: string;
  readonly ownerId: string;
  readonly content: string;
  readonly tags: string[];
  readonly completedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

/** Todo `index` of the seed: its owner, words, tags and dates follow from the index. */
export function seedTodo(index: number, owners: readonly SeedUser[], now: Date): SeedTodo {
  const next = random(index + 1);
  const owner = owners[index % owners.length] as SeedUser;
  const createdAt = new Date(now.getTime() - Math.floor(next() * 365 * DAY_MS));
  const changed = new Date(createdAt.getTime() + Math.floor(next() * 30 * DAY_MS));
  const updatedAt = changed > now ? now : changed;
  const tags = [...new Set(Array.from({ length: Math.floor(next() * 4) }, () => pick(TAGS, next)))];
  const completed = next() < 0.3;
  return {
    id: seedUuid(`todo:${index}`),
    ownerId: owner.id,
    content: `${pick(VERBS, next)} ${pick(OBJECTS, next)} ${pick(DETAILS, next)}`,
    tags: tags.sort(),
    completedAt: completed ? updatedAt : null,
    createdAt,
    updatedAt,
    version: 1 + Math.floor(next() * 3),
  };
}
