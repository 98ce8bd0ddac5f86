import { z } from 'zod';
import { isResourceRouteHandler } from '../../functions/routes';
import type { FunctionFaults } from '../sandbox-contract/function-faults';

export type { FunctionFaults };

/** What one invocation gets: a delay first, then maybe an error instead of (or after) the handler. */
export interface InvocationFault {
  readonly delayMs: number;
  readonly error: 'none' | 'before' | 'after';
}

/** An invocation no fault hits. */
export const NO_FAULT: InvocationFault = { delayMs: 0, error: 'none' };

const percentage = z
  .number()
  .min(1, 'must be at least 1 (clear the fault with DELETE instead)')
  .max(100, 'must be at most 100');

/** The body of `PUT /regions/{region}/function-faults`; at least one fault. */
export const functionFaultsSchema = z
  .strictObject({
    errors: z
      .strictObject({ invocationPercentage: percentage, preventExecution: z.boolean().optional() })
      .optional(),
    latency: z
      .strictObject({
        invocationPercentage: percentage,
        // FIS allows up to 900 000 ms, a Lambda's longest timeout.
        startupDelayMilliseconds: z.number().int('must be a whole number').min(1).max(900_000),
      })
      .optional(),
  })
  .refine((f) => f.errors !== undefined || f.latency !== undefined, {
    message: 'name at least one fault: "errors" and/or "latency"',
  });

/** The same shape as a one-line example, for error messages. */
export const FUNCTION_FAULTS_SHAPE =
  '{"errors"?: {"invocationPercentage": 1-100, "preventExecution"?: bool}, ' +
  '"latency"?: {"invocationPercentage": 1-100, "startupDelayMilliseconds": 1-900000}}';

/**
 * The functions faults apply to: the owned resources' routes (`functions/handlers/items/*` and any
 * other resource's). `/health` and the authorizer are left alone on purpose: that is the outage the
 * scenarios model, where the health check still passes while users' requests fail.
 */
export function isFaultTarget(handler: string): boolean {
  return isResourceRouteHandler(handler);
}

/** Draws this invocation's fault; `random` returns [0, 1) like Math.random. */
export function drawFault(faults: FunctionFaults | null | undefined, random: () => number): InvocationFault {
  if (!faults) return NO_FAULT;
  const hit = (pct: number) => random() * 100 < pct;
  const delayMs =
    faults.latency && hit(faults.latency.invocationPercentage) ? faults.latency.startupDelayMilliseconds : 0;
  const error =
    faults.errors && hit(faults.errors.invocationPercentage)
      ? faults.errors.preventExecution === false
        ? 'after'
        : 'before'
      : 'none';
  return delayMs === 0 && error === 'none' ? NO_FAULT : { delayMs, error };
}

/** The error an injected failure throws, named so logs say it was injected. */
export class InjectedFunctionError extends Error {
  constructor(handler: string) {
    super(`fault injected into ${handler} (sandbox stand-in for aws:lambda:invocation-error)`);
    this.name = 'InjectedFunctionError';
  }
}
