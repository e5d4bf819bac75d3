// Opens the embedded database in argv[2] (fsync on unless argv[3] is "off"), commits
// argv[4] inserts one by one, and exits: a process for the durability test to trace.
import { sql } from 'drizzle-orm';
import { openEmbeddedDatabase } from '#shared/infrastructure/database/embedded-database.js';

const [dataDir = '', fsync = 'on', count = '5'] = process.argv.slice(2);
const database = await openEmbeddedDatabase(dataDir, { fsync: fsync !== 'off' });
await database.db.execute(sql`create table if not exists durability (id serial primary key)`);
for (let i = 0; i < Number(count); i += 1) {
  await database.db.execute(sql`insert into durability default values`);
}
await database.close();
