import { useSyncExternalStore } from 'react';

/** What a sign-in leaves behind: Strata's AuthPayload, minus what the app does not keep. */
export interface Session {
  readonly accessToken: string;
  /** ISO 8601; the token is refreshed shortly before. */
  readonly accessTokenExpiresAt: string;
  /** Exchanged with refreshSession for new tokens; rotates on every refresh. */
  readonly sessionToken: string;
  readonly user: { readonly id: string; readonly email: string; readonly displayName: string };
}

const KEY = 'strata.session';
const listeners = new Set<() => void>();
let current: Session | null = read();

function read(): Session | null {
  try {
    const stored = localStorage.getItem(KEY);
    return stored ? (JSON.parse(stored) as Session) : null;
  } catch {
    return null;
  }
}

/** The signed-in session, kept in localStorage so a reload stays signed in. */
export const session = {
  get: (): Session | null => current,
  set(next: Session | null): void {
    current = next;
    if (next) {
      localStorage.setItem(KEY, JSON.stringify(next));
    } else {
      localStorage.removeItem(KEY);
    }
    for (const listener of listeners) {
      listener();
    }
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signed in, refreshed or signed out.
window.addEventListener('storage', (event) => {
  if (event.key === KEY) {
    current = read();
    for (const listener of listeners) {
      listener();
    }
  }
});

export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get);
}

/** Whether the access token is expired or about to be (within 30 s). */
export function expiresSoon(value: Session): boolean {
  return Date.parse(value.accessTokenExpiresAt) - Date.now() < 30_000;
}
