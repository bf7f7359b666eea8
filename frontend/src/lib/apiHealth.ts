/** Whether the API answers: drives the "cannot be reached" banner. */
import { useSyncExternalStore } from 'react';

let reachable = true;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function set(value: boolean) {
  if (value === reachable) return;
  reachable = value;
  listeners.forEach((l) => l());
  if (!value && timer === null) {
    // Keep asking until it answers again, so the banner clears by itself.
    timer = setInterval(() => {
      fetch('/healthz', { cache: 'no-store' })
        .then((r) => {
          if (r.ok) markReachable();
        })
        .catch(() => undefined);
    }, 5000);
  }
  if (value && timer !== null) {
    clearInterval(timer);
    timer = null;
  }
}

export const markReachable = () => set(true);
export const markUnreachable = () => set(false);

export function useApiReachable(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => reachable,
    () => true,
  );
}
