import { LogoutDocument } from '@strata/operations';
import { useMutation } from 'urql';
import { useLiveStatus } from './live.ts';
import { MaintenanceBanner } from './MaintenanceBanner.tsx';
import { SignIn } from './SignIn.tsx';
import { session, useSession } from './session.ts';
import { Todos } from './Todos.tsx';

export function App() {
  const current = useSession();
  const [, logout] = useMutation(LogoutDocument);
  const live = useLiveStatus();
  const signOut = async () => {
    if (current) {
      await logout({ sessionToken: current.sessionToken });
    }
    session.set(null);
  };
  return (
    <>
      <MaintenanceBanner />
      <header>
        <h1>Strata todos</h1>
        {current && (
          <div className="who">
            <span className={`live ${live}`} title="Changes made elsewhere show here at once">
              {live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
            </span>
            <span>{current.user.displayName}</span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main>{current ? <Todos /> : <SignIn />}</main>
    </>
  );
}
