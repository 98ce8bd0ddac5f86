import type * as z from 'zod/mini';
import { type FieldError, HttpProblem } from './problem';
import { issueMessage } from './zod-messages';

/**
 * Validates untrusted input; a failure becomes a 400 problem listing every field error, prefixed with
 * where the input came from (`body`, `query`, `path`, a header name).
 */
export function validate<S extends z.ZodMiniType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value, { error: issueMessage });
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  throw new HttpProblem(400, `Invalid request: ${summary}`, { errors });
}
