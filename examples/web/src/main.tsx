import { StrictMode, useEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './App.tsx';
import { createStrataClient, freshAccessToken } from './client.ts';
import { activateLiveClient, createLiveClient, LiveClient } from './live.ts';
import { useSession } from './session.ts';
import './styles.css';

/**
 * One urql client and one live connection per signed-in user: signing out or in starts
 * with an empty cache and a connection with the new token.
 */
function Root() {
  const userId = useSession()?.user.id ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new client per user, on purpose
  const client = useMemo(() => createStrataClient(), [userId]);
  // Live updates over WebSocket, with the same user's token; closed with its client.
  const live = useMemo(() => createLiveClient(() => freshAccessToken(client)), [client]);
  useEffect(() => activateLiveClient(live), [live]);
  return (
    <Provider value={client}>
      <LiveClient.Provider value={live}>
        <App />
      </LiveClient.Provider>
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
