/** The part of `process` signal wiring needs; a fake EventEmitter stands in for it in tests. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/**
 * Aborts `controller` on the first SIGINT/SIGTERM, so the drill stops waiting and restores. Later signals
 * only print a note: the default action (exit at once) would leave a region out of rotation.
 * Returns a function that removes the listeners.
 */
export function abortOnSignals(
  controller: AbortController,
  source: SignalSource,
  log: (line: string) => void,
): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => {
    const handler = () => {
      if (controller.signal.aborted) {
        log(`${sig} again: still restoring the health check, please wait.`);
        return;
      }
      log(`${sig} received: stopping the drill and restoring what it changed...`);
      controller.abort(new Error(`received ${sig}`));
    };
    source.on(sig, handler);
    return [sig, handler] as const;
  });
  return () => {
    for (const [sig, handler] of handlers) source.off(sig, handler);
  };
}
