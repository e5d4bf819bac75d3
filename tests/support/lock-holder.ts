// A process that claims a data directory and holds it until it is killed: the other side
// of the data-directory lock tests. Prints one JSON line: {"pid":…} once it holds the lock,
// or {"refused":"…"} when it cannot.
import { DataDirLock } from '#shared/infrastructure/database/data-dir-lock.js';

const dataDir = process.argv[2];
if (!dataDir) {
  throw new Error('usage: lock-holder <data dir>');
}
try {
  await DataDirLock.acquire(dataDir);
  console.log(JSON.stringify({ pid: process.pid }));
  setInterval(() => {}, 60_000);
} catch (error) {
  console.log(JSON.stringify({ refused: (error as Error).message }));
  process.exitCode = 1;
}
