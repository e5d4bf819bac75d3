import { ServiceContextDocument } from '@strata/operations';
import { useContext, useEffect } from 'react';
import { useQuery } from 'urql';
import { followServiceContext, LiveClient } from './live.ts';
import { maintenance, useMaintenance } from './maintenance.ts';

const POLL_MS = 10_000;

/**
 * The banner follows serviceContextChanged live; serviceContext (which answers during
 * maintenance too) is also polled, for a live connection that is down, and any answer
 * refused with MAINTENANCE (503) shows the banner at once.
 */
export function MaintenanceBanner() {
  const state = useMaintenance();
  const live = useContext(LiveClient);
  useEffect(
    () =>
      live
        ? followServiceContext(live, (context) =>
            maintenance.set({ active: context.maintenance, retryAfterSeconds: null }),
          )
        : undefined,
    [live],
  );
  const [{ data }, poll] = useQuery({
    query: ServiceContextDocument,
    requestPolicy: 'network-only',
  });
  // Every answer counts, even one equal to the last: a refused request may have shown the
  // banner since.
  useEffect(() => {
    if (data) {
      maintenance.set({ active: data.serviceContext.maintenance, retryAfterSeconds: null });
    }
  }, [data]);
  useEffect(() => {
    const timer = setInterval(() => poll({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [poll]);
  if (!state.active) {
    return null;
  }
  return (
    <div className="banner" role="alert">
      Strata is down for maintenance: changes are paused.
      {state.retryAfterSeconds !== null && ` Try again in ${state.retryAfterSeconds} s.`}
    </div>
  );
}
