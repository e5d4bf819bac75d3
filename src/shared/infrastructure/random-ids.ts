import { randomUUID } from 'node:crypto';
import { injectable } from 'inversify';
import type { IdGenerator } from '../application/id-generator.js';

@injectable()
export class RandomUuids implements IdGenerator {
  newId(): string {
    return randomUUID();
  }
}
