import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './App.tsx';
import { createStrataClient } from './client.ts';
import { useSession } from './session.ts';
import './styles.css';

/** One urql client per signed-in user: signing out or in starts with an empty cache. */
function Root() {
  const userId = useSession()?.user.id ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new client per user, on purpose
  const client = useMemo(() => createStrataClient(), [userId]);
  return (
    <Provider value={client}>
      <App />
    </Provider>
  );
}

const element = document.getElementById('root');
if (element) {
  createRoot(element).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
