export interface Throttled<T> {
  /** Runs at once when the last run is `ms` ago, else once at the end of the window with the latest value. */
  call(value: T): void;
  /** Forgets a value waiting for the end of the window. */
  cancel(): void;
}

/** Leading and trailing throttle: at most one run per `ms`, and the last value is never lost. */
export function throttle<T>(run: (value: T) => void, ms: number): Throttled<T> {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let latest: T;
  return {
    call(value) {
      latest = value;
      if (timer) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) {
        last = Date.now();
        run(value);
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        run(latest);
      }, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
