import {
  CompleteTodoDocument,
  DeleteTodoDocument,
  EditTodoDocument,
  ReopenTodoDocument,
  TodoDocument,
  type TodoListQuery,
  type UserErrorFieldsFragment,
} from '@strata/operations';
import { type FormEvent, useState } from 'react';
import { useClient, useMutation } from 'urql';
import { FieldErrors, ProblemOf } from './errors.tsx';
import { TODO_TYPES } from './Todos.tsx';

type Todo = TodoListQuery['todos']['edges'][number]['node'];

export function TodoItem(props: {
  readonly todo: Todo;
  readonly sentimentFailed: boolean;
  readonly onTag: (tag: string) => void;
}) {
  const { todo } = props;
  const [editing, setEditing] = useState(false);
  const [completeState, complete] = useMutation(CompleteTodoDocument);
  const [reopenState, reopen] = useMutation(ReopenTodoDocument);
  const [deleteState, remove] = useMutation(DeleteTodoDocument);
  const toggle = () => (todo.completed ? reopen({ id: todo.id }) : complete({ id: todo.id }));
  const error = completeState.error ?? reopenState.error ?? deleteState.error;

  return (
    <li className={todo.completed ? 'todo done' : 'todo'} data-id={todo.id}>
      <input
        type="checkbox"
        aria-label={`Completed: ${todo.content}`}
        checked={todo.completed}
        onChange={toggle}
      />
      {editing ? (
        <EditTodo todo={todo} onDone={() => setEditing(false)} />
      ) : (
        <span className="content">{todo.content}</span>
      )}
      <Sentiment todo={todo} failed={props.sentimentFailed} />
      <span className="tags">
        {todo.tags.map((tag) => (
          <button key={tag} type="button" className="tag" onClick={() => props.onTag(tag)}>
            {tag}
          </button>
        ))}
      </span>
      {!editing && (
        <button type="button" onClick={() => setEditing(true)}>
          Edit
        </button>
      )}
      <button type="button" onClick={() => remove({ id: todo.id }, TODO_TYPES)}>
        Delete
      </button>
      <ProblemOf error={error} />
    </li>
  );
}

function Sentiment({ todo, failed }: { readonly todo: Todo; readonly failed: boolean }) {
  if (!todo.sentiment) {
    return (
      <span className="sentiment unavailable" title="The sentiment model is not answering">
        {failed ? 'sentiment unavailable' : '…'}
      </span>
    );
  }
  const label = todo.sentiment.label.toLowerCase();
  return (
    <span className={`sentiment ${label}`} title={`score ${todo.sentiment.score.toFixed(2)}`}>
      {label}
    </span>
  );
}

/**
 * Edits against the version the user saw. If the todo changed in the meantime (another
 * tab, another device), Strata answers VERSION_CONFLICT and nothing is written: the user
 * sees the newer text and chooses to keep theirs (saved over that version) or take it.
 */
function EditTodo({ todo, onDone }: { readonly todo: Todo; readonly onDone: () => void }) {
  const client = useClient();
  const [content, setContent] = useState(todo.content);
  const [version, setVersion] = useState(todo.version);
  const [theirs, setTheirs] = useState<string | null>(null);
  const [userErrors, setUserErrors] = useState<readonly UserErrorFieldsFragment[]>([]);
  const [state, edit] = useMutation(EditTodoDocument);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = await edit({ input: { id: todo.id, content, expectedVersion: version } });
    const payload = result.data?.editTodo;
    if (payload?.todo) {
      onDone();
      return;
    }
    const errors = payload?.userErrors ?? [];
    setUserErrors(errors.filter((e) => e.code !== 'VERSION_CONFLICT'));
    if (errors.some((e) => e.code === 'VERSION_CONFLICT')) {
      const latest = await client
        .query(TodoDocument, { id: todo.id }, { requestPolicy: 'network-only' })
        .toPromise();
      const current = latest.data?.todo;
      if (current) {
        setTheirs(current.content);
        setVersion(current.version);
      }
    }
  };

  return (
    <form className="edit" onSubmit={save}>
      <input aria-label="Edit todo" value={content} onChange={(e) => setContent(e.target.value)} />
      <button type="submit" disabled={state.fetching}>
        {theirs === null ? 'Save' : 'Keep mine'}
      </button>
      <button type="button" onClick={onDone}>
        {theirs === null ? 'Cancel' : 'Take theirs'}
      </button>
      {theirs !== null && (
        <p className="conflict" role="alert" data-code="VERSION_CONFLICT">
          This todo was changed elsewhere while you edited it. It now reads “{theirs}”.
        </p>
      )}
      <FieldErrors errors={userErrors} field="content" />
      <ProblemOf error={state.error} />
    </form>
  );
}
