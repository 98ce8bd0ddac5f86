/**
 * Faults injected into a region's item-route functions, named after the AWS Fault Injection Service
 * Lambda actions they stand in for, so a sandbox scenario and an experiment template read the same:
 * `errors` is `aws:lambda:invocation-error`, `latency` is `aws:lambda:invocation-add-delay`.
 * Shared by the sandbox (which applies them), the drill's scenarios and the console (which set them).
 */
export interface FunctionFaults {
  /** A share of invocations fails: API Gateway answers them 502 (a Lambda error behind a proxy integration). */
  readonly errors?: {
    /** Percentage of invocations that fail, 1–100. */
    readonly invocationPercentage: number;
    /** true: the handler does not run at all; false: it runs (and may write) and its answer is replaced. @default true */
    readonly preventExecution?: boolean;
  };
  /** A share of invocations starts late; the delay counts against API Gateway's 29 s integration timeout. */
  readonly latency?: {
    /** Percentage of invocations that are delayed, 1–100. */
    readonly invocationPercentage: number;
    /** Delay before the handler starts, in milliseconds. */
    readonly startupDelayMilliseconds: number;
  };
}
