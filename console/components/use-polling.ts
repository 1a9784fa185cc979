// Runs `load` now and every `intervalMs` while the view is shown (and `enabled`), never two at once; a change of
// one of `deps` starts it again.
import { useEffect, useRef } from 'preact/hooks';

export function usePolling(load: () => Promise<void>, intervalMs: number, deps: unknown[], enabled = true): void {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (!enabled) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        await latest.current();
      } catch {
        // The view shows its own errors; polling goes on.
      } finally {
        if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
      }
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [...deps, enabled, intervalMs]);
}
