import type { Clock } from './clock';

/** The part of a terminal stream the status line needs; `process.stdout` in the CLI, a fake in tests. */
export interface StatusStream {
  readonly isTTY?: boolean;
  /** Width of the terminal: a status line longer than it would wrap, and `\r` would redraw only its tail. */
  readonly columns?: number;
  write(text: string): unknown;
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  readonly clock: Pick<Clock, 'now'>;
  /** Where lines that stay go (milestones, plain status lines). */
  readonly log: (line: string) => void;
  /** A terminal to redraw one status line in; without one, or when it is not a TTY, status lines are plain. */
  readonly stream?: StatusStream;
  /** Plain mode: at most one status line per wait this often, besides its first and last. @default 5000 */
  readonly plainEveryMs?: number;
  /** Cells of the elapsed-against-expected bar. @default 10 */
  readonly barWidth?: number;
}

/** One wait (until unhealthy, until traffic moved, a held fault...), observed once per poll. */
export interface WaitProgress {
  /** One observation: redraws the status line (terminal) or prints it when one is due (plain). */
  update(detail: string): void;
  /** The wait is over: its last observation stays as a line. */
  end(detail: string): void;
}

/** Status output of a drill: one line per wait, updated in place on a terminal. */
export interface Progress {
  /** Starts a wait now; `expectedSeconds` comes from the plan (null: nothing to compare against). */
  wait(what: string, expectedSeconds: number | null): WaitProgress;
  /** A line that stays; on a terminal it goes below the status line being drawn, which stays as it is. */
  log(line: string): void;
}

/** Erase the whole line and return to its start (ECMA-48 EL 2 after a carriage return). */
const CLEAR_LINE = '\r\x1b[2K';

/** `████████░░`: elapsed against expected, full once expected has passed. */
export function bar(elapsedMs: number, expectedSeconds: number, width = 10): string {
  const share = expectedSeconds <= 0 ? 1 : Math.min(1, elapsedMs / (expectedSeconds * 1000));
  const filled = Math.round(share * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/**
 * The drill's status output. On a terminal each wait is one line redrawn in place with elapsed against
 * expected time as a bar; in CI logs (no TTY) a wait prints its first observation, then at most one line
 * every `plainEveryMs`, then its last: a local drill polls every 500 ms and would otherwise print ~60
 * near-identical lines per wait.
 */
export function createProgress(options: ProgressOptions): Progress {
  const { clock, log, stream } = options;
  const tty = stream?.isTTY === true ? stream : undefined;
  const every = options.plainEveryMs ?? 5000;
  const width = options.barWidth ?? 10;
  let drawn = false;
  const clear = () => {
    if (tty && drawn) tty.write(CLEAR_LINE);
    drawn = false;
  };
  return {
    log(line) {
      // Keeps the status being drawn as it is (where an aborted wait stood) and starts the line below it.
      if (tty && drawn) tty.write('\n');
      drawn = false;
      log(line);
    },
    wait(what, expectedSeconds) {
      const since = clock.now();
      let lastPlain: number | null = null;
      const expected = expectedSeconds === null ? '' : `, expected ~${expectedSeconds} s`;
      const seconds = () => ((clock.now() - since) / 1000).toFixed(0);
      const plain = (detail: string) => `  ${what}: ${detail} (${seconds()} s${expected})`;
      return {
        update(detail) {
          if (tty) {
            const of =
              expectedSeconds === null
                ? ''
                : ` / ~${expectedSeconds} s ${bar(clock.now() - since, expectedSeconds, width)}`;
            const line = `  ${what} ${seconds()} s${of}  ${detail}`;
            const max = tty.columns && tty.columns > 1 ? tty.columns - 1 : line.length;
            tty.write(`${CLEAR_LINE}${line.length > max ? `${line.slice(0, max - 1)}…` : line}`);
            drawn = true;
            return;
          }
          if (lastPlain !== null && clock.now() - lastPlain < every) return;
          lastPlain = clock.now();
          log(plain(detail));
        },
        end(detail) {
          clear();
          log(plain(detail));
        },
      };
    },
  };
}
