/** The part of `process` signal wiring needs; a fake EventEmitter stands in for it in tests. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/** What to say on the first signal and on later ones (other CLIs reuse this wiring). */
export interface SignalMessages {
  readonly first: string;
  readonly again: string;
}

const DRILL_MESSAGES: SignalMessages = {
  first: 'stopping the drill and restoring what it changed...',
  again: 'still restoring the health check, please wait.',
};

/**
 * Aborts `controller` on the first SIGINT/SIGTERM, so the drill stops waiting and restores. Later signals
 * only print a note: the default action (exit at once) would leave a region out of rotation.
 * Returns a function that removes the listeners.
 */
export function abortOnSignals(
  controller: AbortController,
  source: SignalSource,
  log: (line: string) => void,
  messages: SignalMessages = DRILL_MESSAGES,
): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => {
    const handler = () => {
      if (controller.signal.aborted) {
        log(`${sig} again: ${messages.again}`);
        return;
      }
      log(`${sig} received: ${messages.first}`);
      controller.abort(new Error(`received ${sig}`));
    };
    source.on(sig, handler);
    return [sig, handler] as const;
  });
  return () => {
    for (const [sig, handler] of handlers) source.off(sig, handler);
  };
}
