export interface TodoView {
  readonly id: string;
  readonly ownerId: string;
  readonly content: string;
  readonly tags: readonly string[];
  readonly completedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export interface TagCountView {
  readonly tag: string;
  readonly count: number;
}
