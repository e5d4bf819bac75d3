import {
  CreateTodoDocument,
  TagsDocument,
  type TodoFilter,
  TodoListDocument,
  type UserErrorFieldsFragment,
} from '@strata/operations';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FieldErrors, ProblemOf } from './errors.tsx';
import { useTodoChanges } from './live.ts';
import { TodoItem } from './TodoItem.tsx';

const PAGE_SIZE = 20;
/** Lists and tags hold todos even when a page came back empty: refetch them on any change. */
export const TODO_TYPES = { additionalTypenames: ['Todo', 'TagCount'] };

export function Todos() {
  const [search, setSearch] = useState('');
  const [typed, setTyped] = useState('');
  const [tags, setTags] = useState<readonly string[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const filter = useMemo<TodoFilter>(
    () => ({
      ...(search ? { search } : {}),
      ...(tags.length > 0 ? { tags: [...tags] } : {}),
    }),
    [search, tags],
  );
  const toggle = (tag: string) =>
    setTags(tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag]);
  // Changes made anywhere (another tab, another device) arrive live: the lists refetch.
  const changes = useTodoChanges();

  return (
    <>
      <NewTodo />
      <div className="filters">
        <input
          type="search"
          placeholder="Search todos"
          aria-label="Search todos"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
        />
        <TagFilter selected={tags} onToggle={toggle} changes={changes} />
      </div>
      <ul className="todos" aria-label="Todos">
        <TodoPage
          key={JSON.stringify(filter)}
          filter={filter}
          after={null}
          onTag={toggle}
          changes={changes}
        />
      </ul>
    </>
  );
}

function NewTodo() {
  const [content, setContent] = useState('');
  const [tags, setTags] = useState('');
  const [userErrors, setUserErrors] = useState<readonly UserErrorFieldsFragment[]>([]);
  const [state, create] = useMutation(CreateTodoDocument);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const input = {
      content,
      tags: tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    };
    const result = await create({ input }, TODO_TYPES);
    const payload = result.data?.createTodo;
    setUserErrors(payload?.userErrors ?? []);
    if (payload?.todo) {
      setContent('');
      setTags('');
    }
  };
  return (
    <form className="card new-todo" onSubmit={submit}>
      <input
        aria-label="New todo"
        placeholder="What needs doing?"
        value={content}
        onChange={(e) => setContent(e.target.value)}
      />
      <input
        aria-label="Tags"
        placeholder="tags, comma separated"
        value={tags}
        onChange={(e) => setTags(e.target.value)}
      />
      <button type="submit" disabled={state.fetching}>
        Add
      </button>
      <FieldErrors errors={userErrors} field="content" />
      <FieldErrors errors={userErrors} field="tags" />
      <ProblemOf error={state.error} />
    </form>
  );
}

function TagFilter(props: {
  readonly selected: readonly string[];
  readonly onToggle: (tag: string) => void;
  readonly changes: number;
}) {
  const [{ data }, refetch] = useQuery({ query: TagsDocument, context: TAG_CONTEXT });
  useRefetchOnChange(props.changes, refetch);
  return (
    <fieldset className="tags" aria-label="Filter by tag">
      {data?.tags.map(({ tag, count }) => (
        <button
          key={tag}
          type="button"
          className={props.selected.includes(tag) ? 'tag selected' : 'tag'}
          aria-pressed={props.selected.includes(tag)}
          onClick={() => props.onToggle(tag)}
        >
          {tag} <small>{count}</small>
        </button>
      ))}
    </fieldset>
  );
}
const TAG_CONTEXT = { additionalTypenames: ['Todo'] };

/**
 * One page of the list; when its end scrolls into view, it renders the next page after
 * itself. Each page asks with the cursor of the one before, so pages stay contiguous when
 * earlier ones change.
 */
function TodoPage(props: {
  readonly filter: TodoFilter;
  readonly after: string | null;
  readonly onTag: (tag: string) => void;
  readonly changes: number;
}) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: TodoListDocument,
    variables: { first: PAGE_SIZE, after: props.after, filter: props.filter },
    context: TODO_TYPES,
  });
  useRefetchOnChange(props.changes, refetch);
  const [more, setMore] = useState(false);
  const connection = data?.todos;
  // A field error (a sentiment the model could not give) leaves the rest of the page.
  const failedSentiments = new Set(
    error?.graphQLErrors
      .filter((e) => e.path?.at(-1) === 'sentiment')
      .map((e) => String(e.path?.[2])) ?? [],
  );
  return (
    <>
      {props.after === null && connection && (
        <li className="count" aria-live="polite">
          {connection.totalCount} {connection.totalCount === 1 ? 'todo' : 'todos'}
        </li>
      )}
      {connection?.edges.map((edge, index) => (
        <TodoItem
          key={edge.node.id}
          todo={edge.node}
          sentimentFailed={failedSentiments.has(String(index))}
          onTag={props.onTag}
        />
      ))}
      {!connection && <ProblemOf error={error} />}
      {fetching && !connection && <li className="loading">Loading…</li>}
      {connection?.pageInfo.hasNextPage &&
        (more ? (
          <TodoPage
            filter={props.filter}
            after={connection.pageInfo.endCursor ?? null}
            onTag={props.onTag}
            changes={props.changes}
          />
        ) : (
          <Sentinel onVisible={() => setMore(true)} />
        ))}
    </>
  );
}

/** Calls onVisible once the list's end scrolls into view. */
function Sentinel({ onVisible }: { readonly onVisible: () => void }) {
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) {
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        onVisible();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onVisible]);
  return (
    <li ref={ref} className="loading">
      Loading more…
    </li>
  );
}

/** Asks the server again when `changes` moves (not on the first render: that query runs anyway). */
function useRefetchOnChange(
  changes: number,
  refetch: (options: { requestPolicy: 'network-only' }) => void,
) {
  const seen = useRef(changes);
  useEffect(() => {
    if (changes !== seen.current) {
      seen.current = changes;
      refetch({ requestPolicy: 'network-only' });
    }
  }, [changes, refetch]);
}
