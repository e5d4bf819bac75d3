import { describe, expect, it } from 'vitest';
import { toTodoView } from '#modules/todos/application/queries/todo.view.js';
import { CONTENT_MAX, Content } from '#modules/todos/domain/content.js';
import { parseTags, TAG_LENGTH_MAX, TAGS_MAX, TagSet } from '#modules/todos/domain/tags.js';
import { Todo, type TodoProps } from '#modules/todos/domain/todo.js';
import { EMOJI, errorOf, successOf } from '../../support/results.js';

/** Everything a todo exposes, as the props it was made from. */
const stateOf = (todo: Todo): TodoProps => ({
  id: todo.id,
  ownerId: todo.ownerId,
  content: todo.content,
  tags: todo.tags,
  completedAt: todo.completedAt,
  createdAt: todo.createdAt,
  updatedAt: todo.updatedAt,
  version: todo.version,
});

/** `count` distinct valid tags: t00, t01, ... */
/** The state a todo event carries: the todo right after its change, as readers see it. */
const snapshot = (todo: Todo) => toTodoView(todo);

function tagNames(count: number, prefix = 't'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(2, '0')}`);
}

describe('Content', () => {
  it('sets the limit at 5000 characters', () => {
    expect(CONTENT_MAX).toBe(5000);
  });

  it('trims surrounding whitespace', () => {
    expect(successOf(Content.parse('  buy milk \n\t')).value).toBe('buy milk');
  });

  it('accepts a single character', () => {
    expect(successOf(Content.parse('x')).value).toBe('x');
  });

  it('accepts exactly 5000 characters', () => {
    const raw = 'a'.repeat(5000);
    expect(successOf(Content.parse(raw)).value).toBe(raw);
  });

  it('counts code points, so 5000 emoji are accepted', () => {
    const raw = EMOJI.repeat(5000);
    expect(raw).toHaveLength(10_000);
    expect(successOf(Content.parse(raw)).value).toBe(raw);
  });

  it('does not count surrounding whitespace toward the limit', () => {
    const raw = `   ${'a'.repeat(5000)}   `;
    expect(successOf(Content.parse(raw)).value).toBe('a'.repeat(5000));
  });

  it.each([
    ['an empty string', ''],
    ['only whitespace', ' \t\n  '],
    ['5001 characters', 'a'.repeat(5001)],
    ['5001 emoji', EMOJI.repeat(5001)],
  ])('rejects %s as INVALID_CONTENT on the content field', (_label, raw) => {
    const error = errorOf(Content.parse(raw));
    expect(error.code).toBe('INVALID_CONTENT');
    expect(error.field).toBe('content');
  });

  it('refuses content longer than 5000 characters after trimming', () => {
    expect(errorOf(Content.parse(` ${'a'.repeat(5001)} `)).code).toBe('INVALID_CONTENT');
  });

  it('reports the field name it is given', () => {
    expect(errorOf(Content.parse('', 'input.content')).field).toBe('input.content');
  });
});

describe('parseTags', () => {
  it('sets the limits at 20 tags of 40 characters', () => {
    expect(TAGS_MAX).toBe(20);
    expect(TAG_LENGTH_MAX).toBe(40);
  });

  it('lower-cases and trims each tag', () => {
    expect(successOf(parseTags(['  Work ', 'HOME']))).toEqual(['work', 'home']);
  });

  it('accepts lower-case letters, digits and hyphens', () => {
    expect(successOf(parseTags(['a-z', '0-9', 'q3-2026']))).toEqual(['a-z', '0-9', 'q3-2026']);
  });

  it('accepts a tag of one character and a tag of 40 characters', () => {
    const long = 'a'.repeat(40);
    expect(successOf(parseTags(['a', long]))).toEqual(['a', long]);
  });

  it('collapses duplicates that differ only in case or whitespace', () => {
    expect(successOf(parseTags(['a', 'A', ' a ']))).toEqual(['a']);
  });

  it('accepts an empty list', () => {
    expect(successOf(parseTags([]))).toEqual([]);
  });

  it.each([
    ['an empty tag', ''],
    ['a whitespace-only tag', '   '],
    ['a tag of 41 characters', 'a'.repeat(41)],
    ['a tag with spaces', 'no spaces'],
    ['a tag with non-ASCII letters', 'ünï'],
    ['a tag with an underscore', 'a_b'],
  ])('rejects %s as INVALID_TAG on the field of the offending item', (_label, bad) => {
    const error = errorOf(parseTags(['ok', 'fine', bad, 'also-ok']));
    expect(error.code).toBe('INVALID_TAG');
    expect(error.field).toBe('tags.2');
  });

  it('names the first offending item when several are invalid', () => {
    expect(errorOf(parseTags(['bad tag', 'a_b'])).field).toBe('tags.0');
  });

  it('prefixes the item index with the field name it is given', () => {
    expect(errorOf(parseTags(['ok', 'a_b'], 'input.tags')).field).toBe('input.tags.1');
  });
});

describe('TagSet', () => {
  it('keeps its values sorted', () => {
    expect(successOf(TagSet.of(['zeta', 'Alpha', 'mid'])).values).toEqual(['alpha', 'mid', 'zeta']);
  });

  it('keeps one copy of duplicate tags', () => {
    expect(successOf(TagSet.of(['a', 'A'])).values).toEqual(['a']);
  });

  it('sorts values it restores', () => {
    expect(TagSet.restore(['b', 'c', 'a']).values).toEqual(['a', 'b', 'c']);
  });

  it('starts empty', () => {
    expect(TagSet.empty.values).toEqual([]);
  });

  it('accepts 20 tags', () => {
    expect(successOf(TagSet.of(tagNames(20))).values).toHaveLength(20);
  });

  it('rejects 21 tags as TOO_MANY_TAGS on the tags field', () => {
    const error = errorOf(TagSet.of(tagNames(21)));
    expect(error.code).toBe('TOO_MANY_TAGS');
    expect(error.field).toBe('tags');
  });

  it('counts distinct tags, so 21 names with one duplicate are accepted', () => {
    const names = [...tagNames(20), 'T00'];
    expect(successOf(TagSet.of(names)).values).toHaveLength(20);
  });

  it('stops at the 21st distinct tag, so an oversized list is refused without reading it all', () => {
    expect(errorOf(TagSet.of([...tagNames(21), 'a_b'])).code).toBe('TOO_MANY_TAGS');
    // Reading past the 21st entry of this list throws: the parser must stop there.
    const huge = new Proxy(
      Array.from({ length: 200_000 }, (_, i) => `t${i}`),
      {
        get(target, property, receiver) {
          if (typeof property === 'string' && Number(property) > 20) {
            throw new Error(`read entry ${property}`);
          }
          return Reflect.get(target, property, receiver);
        },
      },
    );
    expect(errorOf(TagSet.of(huge)).code).toBe('TOO_MANY_TAGS');
  });

  it('reports a bad tag that comes before the 21st distinct one', () => {
    const error = errorOf(TagSet.of([...tagNames(5), 'a_b', ...tagNames(30)]));
    expect(error).toMatchObject({ code: 'INVALID_TAG', field: 'tags.5' });
  });

  it('refuses control characters in content', () => {
    expect(errorOf(Content.parse('nul \u0000 inside')).code).toBe('INVALID_CONTENT');
  });

  it.each([
    ['a lone high surrogate', 'abc\ud800def'],
    ['a lone low surrogate', 'abc\udc00def'],
    ['a pair in the wrong order', 'abc\udc00\ud800def'],
    ['a high surrogate at the end', 'abc\ud83d'],
  ])('refuses %s in content, which the database would store as U+FFFD', (_case, text) => {
    expect(errorOf(Content.parse(text))).toMatchObject({
      code: 'INVALID_CONTENT',
      field: 'content',
      message:
        'Content must be 1 to 5000 characters, without control characters or broken Unicode.',
    });
  });

  it('keeps a surrogate pair, one emoji, as it is', () => {
    expect(successOf(Content.parse(`party ${EMOJI}`)).value).toBe(`party ${EMOJI}`);
  });

  it('adds tags with `with`, keeping the result sorted and the original untouched', () => {
    const set = successOf(TagSet.of(['m']));
    const next = successOf(set.with(['Z', 'a']));
    expect(next.values).toEqual(['a', 'm', 'z']);
    expect(set.values).toEqual(['m']);
  });

  it('counts the union with `with`, so 19 existing plus 2 new is too many', () => {
    const set = successOf(TagSet.of(tagNames(19)));
    const error = errorOf(set.with(['new-1', 'new-2']));
    expect(error.code).toBe('TOO_MANY_TAGS');
    expect(error.field).toBe('tags');
  });

  it('counts the union with `with`, so 19 existing plus 1 existing and 1 new makes 20', () => {
    const set = successOf(TagSet.of(tagNames(19)));
    const next = successOf(set.with(['t00', 'new-1']));
    expect(next.values).toHaveLength(20);
    expect(next.values).toContain('new-1');
  });

  it('validates the tags given to `with`', () => {
    const error = errorOf(TagSet.empty.with(['ok', 'no spaces']));
    expect(error.code).toBe('INVALID_TAG');
    expect(error.field).toBe('tags.1');
  });

  it('removes tags with `without`, matching them case-insensitively', () => {
    const set = successOf(TagSet.of(['a', 'b', 'c']));
    expect(successOf(set.without([' B ', 'c'])).values).toEqual(['a']);
    expect(set.values).toEqual(['a', 'b', 'c']);
  });

  it('ignores absent tags with `without`', () => {
    const set = successOf(TagSet.of(['a', 'b']));
    expect(successOf(set.without(['x', 'b'])).values).toEqual(['a']);
  });

  it('still validates the tags given to `without`', () => {
    const set = successOf(TagSet.of(['a']));
    const error = errorOf(set.without(['a', 'a_b']));
    expect(error.code).toBe('INVALID_TAG');
    expect(error.field).toBe('tags.1');
  });

  it('compares as equal when it holds the same tags in any given order', () => {
    const left = successOf(TagSet.of(['b', 'a']));
    const right = successOf(TagSet.of(['A', 'b', 'a']));
    expect(left.equals(right)).toBe(true);
    expect(left.equals(TagSet.restore(['a', 'b']))).toBe(true);
  });

  it('compares as different when the tags differ', () => {
    const set = successOf(TagSet.of(['a', 'b']));
    expect(set.equals(successOf(TagSet.of(['a'])))).toBe(false);
    expect(set.equals(successOf(TagSet.of(['a', 'c'])))).toBe(false);
    expect(set.equals(successOf(TagSet.of(['a', 'b', 'c'])))).toBe(false);
    expect(set.equals(TagSet.empty)).toBe(false);
  });
});

describe('Todo', () => {
  const createdAt = new Date('2026-03-01T12:00:00Z');
  const later = new Date('2026-03-02T08:30:00Z');
  const latest = new Date('2026-03-03T17:45:00Z');

  function content(raw: string): Content {
    return successOf(Content.parse(raw));
  }

  function newTodo(tags: string[] = []): Todo {
    return Todo.create({
      id: 'todo-1',
      ownerId: 'user-1',
      content: content('buy milk'),
      tags: successOf(TagSet.of(tags)),
      at: createdAt,
    });
  }

  describe('create', () => {
    it('starts open at version 1, created and updated at the given time', () => {
      const todo = newTodo(['home']);
      expect(todo.id).toBe('todo-1');
      expect(todo.ownerId).toBe('user-1');
      expect(todo.version).toBe(1);
      expect(todo.completed).toBe(false);
      expect(todo.completedAt).toBeNull();
      expect(todo.createdAt).toEqual(createdAt);
      expect(todo.updatedAt).toEqual(createdAt);
      expect(todo.content.value).toBe('buy milk');
      expect(todo.tags.values).toEqual(['home']);
    });

    it('records one TodoCreated event naming the todo, its owner, its state and the time', () => {
      const todo = newTodo();
      expect(todo.events).toEqual([
        {
          type: 'TodoCreated',
          todoId: 'todo-1',
          ownerId: 'user-1',
          todo: snapshot(todo),
          at: createdAt,
        },
      ]);
      expect(todo.events[0]).toMatchObject({
        todo: { content: 'buy milk', tags: [], completedAt: null, version: 1 },
      });
    });
  });

  describe('restore', () => {
    it('rebuilds a todo from its props without recording any event', () => {
      const props: TodoProps = {
        id: 'todo-9',
        ownerId: 'user-2',
        content: Content.restore('stored'),
        tags: TagSet.restore(['b', 'a']),
        completedAt: later,
        createdAt,
        updatedAt: later,
        version: 7,
      };
      const todo = Todo.restore(props);
      expect(todo.events).toEqual([]);
      expect(stateOf(todo)).toEqual(props);
      expect(todo.version).toBe(7);
      expect(todo.completed).toBe(true);
    });
  });

  describe('edit', () => {
    it('changes the content, raises the version by one and records TodoEdited', () => {
      const todo = newTodo();
      const edited = successOf(todo.edit(content('buy oat milk'), 1, later));
      expect(edited.content.value).toBe('buy oat milk');
      expect(edited.version).toBe(2);
      expect(edited.updatedAt).toEqual(later);
      expect(edited.createdAt).toEqual(createdAt);
      expect(edited.events).toEqual([
        {
          type: 'TodoCreated',
          todoId: 'todo-1',
          ownerId: 'user-1',
          todo: snapshot(todo),
          at: createdAt,
        },
        { type: 'TodoEdited', todoId: 'todo-1', todo: snapshot(edited), at: later },
      ]);
    });

    it('leaves the original todo untouched', () => {
      const todo = newTodo();
      successOf(todo.edit(content('something else'), 1, later));
      expect(todo.content.value).toBe('buy milk');
      expect(todo.version).toBe(1);
      expect(todo.events).toHaveLength(1);
    });

    it('refuses a stale expected version as VERSION_CONFLICT naming both versions', () => {
      const v2 = successOf(newTodo().edit(content('second'), 1, later));
      const error = errorOf(v2.edit(content('third'), 1, latest));
      expect(error.code).toBe('VERSION_CONFLICT');
      expect(error.field).toBe('expectedVersion');
      expect(error.message).toContain('version 1');
      expect(error.message).toContain('version 2');
    });

    it('refuses an expected version ahead of the current one', () => {
      expect(errorOf(newTodo().edit(content('other'), 2, later)).code).toBe('VERSION_CONFLICT');
    });

    it('returns the same instance when the content is unchanged', () => {
      const todo = newTodo();
      const same = successOf(todo.edit(content('  buy milk  '), 1, later));
      expect(same).toBe(todo);
      expect(same.version).toBe(1);
      expect(same.updatedAt).toEqual(createdAt);
      expect(same.events).toHaveLength(1);
    });
  });

  describe('complete and reopen', () => {
    it('completes an open todo, raising the version and recording TodoCompleted', () => {
      const done = newTodo().complete(later);
      expect(done.completed).toBe(true);
      expect(done.completedAt).toEqual(later);
      expect(done.updatedAt).toEqual(later);
      expect(done.version).toBe(2);
      expect(done.events.at(-1)).toEqual({
        type: 'TodoCompleted',
        todoId: 'todo-1',
        todo: snapshot(done),
        at: later,
      });
      expect(done.events).toHaveLength(2);
    });

    it('returns the same instance when completing a completed todo', () => {
      const done = newTodo().complete(later);
      const again = done.complete(latest);
      expect(again).toBe(done);
      expect(again.completedAt).toEqual(later);
      expect(again.version).toBe(2);
    });

    it('reopens a completed todo, clearing completedAt and recording TodoReopened', () => {
      const reopened = newTodo().complete(later).reopen(latest);
      expect(reopened.completed).toBe(false);
      expect(reopened.completedAt).toBeNull();
      expect(reopened.updatedAt).toEqual(latest);
      expect(reopened.version).toBe(3);
      expect(reopened.events.map((event) => event.type)).toEqual([
        'TodoCreated',
        'TodoCompleted',
        'TodoReopened',
      ]);
      expect(reopened.events.at(-1)).toEqual({
        type: 'TodoReopened',
        todoId: 'todo-1',
        todo: snapshot(reopened),
        at: latest,
      });
    });

    it('returns the same instance when reopening an open todo', () => {
      const todo = newTodo();
      const same = todo.reopen(later);
      expect(same).toBe(todo);
      expect(same.version).toBe(1);
      expect(same.events).toHaveLength(1);
    });
  });

  describe('tag and untag', () => {
    it('records TodoTagged listing only the newly added tags', () => {
      const todo = newTodo(['home']);
      const tagged = successOf(todo.tag(['Home', 'work', 'urgent'], later));
      expect(tagged.tags.values).toEqual(['home', 'urgent', 'work']);
      expect(tagged.version).toBe(2);
      expect(tagged.updatedAt).toEqual(later);
      expect(tagged.events.at(-1)).toEqual({
        type: 'TodoTagged',
        todoId: 'todo-1',
        tags: ['urgent', 'work'],
        todo: snapshot(tagged),
        at: later,
      });
    });

    it('returns the same instance when every tag is already present', () => {
      const todo = newTodo(['home', 'work']);
      const same = successOf(todo.tag([' WORK ', 'home'], later));
      expect(same).toBe(todo);
      expect(same.version).toBe(1);
      expect(same.events).toHaveLength(1);
    });

    it('refuses an invalid tag and leaves the todo unchanged', () => {
      const todo = newTodo(['home']);
      const error = errorOf(todo.tag(['ok', 'a_b'], later));
      expect(error.code).toBe('INVALID_TAG');
      expect(error.field).toBe('tags.1');
      expect(todo.tags.values).toEqual(['home']);
      expect(todo.version).toBe(1);
      expect(todo.events).toHaveLength(1);
    });

    it('refuses tagging past 20 tags as TOO_MANY_TAGS', () => {
      const todo = newTodo(tagNames(19));
      const error = errorOf(todo.tag(['new-1', 'new-2'], later));
      expect(error.code).toBe('TOO_MANY_TAGS');
      expect(todo.tags.values).toHaveLength(19);
    });

    it('records TodoUntagged listing only the tags actually removed', () => {
      const todo = newTodo(['home', 'work', 'urgent']);
      const untagged = successOf(todo.untag(['WORK', 'absent', 'urgent'], later));
      expect(untagged.tags.values).toEqual(['home']);
      expect(untagged.version).toBe(2);
      expect(untagged.updatedAt).toEqual(later);
      expect(untagged.events.at(-1)).toEqual({
        type: 'TodoUntagged',
        todoId: 'todo-1',
        tags: ['urgent', 'work'],
        todo: snapshot(untagged),
        at: later,
      });
    });

    it('returns the same instance when untagging tags it does not carry', () => {
      const todo = newTodo(['home']);
      const same = successOf(todo.untag(['work'], later));
      expect(same).toBe(todo);
      expect(same.version).toBe(1);
    });

    it('refuses an invalid tag when untagging and leaves the todo unchanged', () => {
      const todo = newTodo(['home']);
      const error = errorOf(todo.untag(['home', 'no spaces'], later));
      expect(error.code).toBe('INVALID_TAG');
      expect(error.field).toBe('tags.1');
      expect(todo.tags.values).toEqual(['home']);
      expect(todo.version).toBe(1);
    });
  });

  describe('changedFrom', () => {
    it('is false for the same todo and for a no-op change', () => {
      const todo = newTodo();
      expect(todo.changedFrom(todo)).toBe(false);
      expect(todo.reopen(later).changedFrom(todo)).toBe(false);
    });

    it('is true once the todo has changed', () => {
      const todo = newTodo();
      expect(todo.complete(later).changedFrom(todo)).toBe(true);
    });
  });

  describe('deleted', () => {
    it('returns a TodoDeleted event for the todo at the given time', () => {
      const todo = newTodo();
      expect(todo.deleted(later)).toEqual({ type: 'TodoDeleted', todoId: 'todo-1', at: later });
      expect(todo.events).toHaveLength(1);
    });
  });
});
