import type { UserErrorFieldsFragment } from '@strata/operations';
import type { CombinedError } from 'urql';

/** The userErrors of a mutation about one input field (null: about none in particular). */
export function FieldErrors(props: {
  readonly errors: readonly UserErrorFieldsFragment[];
  readonly field: string | null;
}) {
  const mine = props.errors.filter((error) =>
    props.field === null ? error.field === null : error.field?.startsWith(props.field),
  );
  return (
    <>
      {mine.map((error) => (
        <p key={`${error.code}:${error.field}`} className="error" data-code={error.code}>
          {error.message}
        </p>
      ))}
    </>
  );
}

/** A request that failed as a whole: network down, maintenance, a rate limit, a bug. */
export function ProblemOf({ error }: { readonly error: CombinedError | undefined }) {
  if (!error) {
    return null;
  }
  const first = error.graphQLErrors[0];
  const code = first?.extensions?.code;
  const message = error.networkError
    ? 'Strata cannot be reached. Check your connection and try again.'
    : code === 'MAINTENANCE'
      ? 'Strata is down for maintenance; try again shortly.'
      : (first?.message ?? error.message);
  return (
    <p className="error" data-code={typeof code === 'string' ? code : undefined}>
      {message}
    </p>
  );
}
