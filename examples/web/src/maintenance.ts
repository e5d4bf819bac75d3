import { useSyncExternalStore } from 'react';

/** Whether Strata is in maintenance, as the last answer showed, and when to look again. */
export interface MaintenanceState {
  readonly active: boolean;
  readonly retryAfterSeconds: number | null;
}

const listeners = new Set<() => void>();
let current: MaintenanceState = { active: false, retryAfterSeconds: null };

export const maintenance = {
  get: (): MaintenanceState => current,
  set(next: MaintenanceState): void {
    if (next.active === current.active && next.retryAfterSeconds === current.retryAfterSeconds) {
      return;
    }
    current = next;
    for (const listener of listeners) {
      listener();
    }
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useMaintenance(): MaintenanceState {
  return useSyncExternalStore(maintenance.subscribe, maintenance.get);
}
