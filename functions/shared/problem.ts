/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  /** Validation failures: where and what. */
  readonly errors?: readonly FieldError[];
  /** Present on 500s so that a user can quote it to support. */
  readonly requestId?: string;
}

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The HTTP reason phrase of a status, which RFC 9457 asks for as the title of `about:blank` problems. */
export function statusTitle(status: number): string {
  return TITLES[status] ?? 'Error';
}

/**
 * An error that becomes a problem+json response. Handlers throw it; the error middleware renders it.
 * The `detail` is shown to the client, so it must say what was wrong without internals.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extras: { headers?: Record<string, string>; errors?: readonly FieldError[] } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }

  toBody(instance?: string): ProblemDetails {
    return {
      type: 'about:blank',
      title: statusTitle(this.status),
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...(this.extras.errors ? { errors: this.extras.errors } : {}),
    };
  }
}
