import type { IdGenerator } from '#shared/application/id-generator.js';

/** UUID-shaped ids in order: 00000000-0000-4000-8000-000000000001, …02, … */
export class SequentialIds implements IdGenerator {
  constructor(private next = 1) {}

  newId(): string {
    const id = `00000000-0000-4000-8000-${String(this.next).padStart(12, '0')}`;
    this.next += 1;
    return id;
  }
}
