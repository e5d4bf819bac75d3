/** A keyset page of a list, as read models return it. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly hasNextPage: boolean;
  /** Whether items precede the page; absent on lists that page forward only. */
  readonly hasPreviousPage?: boolean;
}
