import { ThrottlingException } from '@aws-sdk/client-dynamodb';
import { transientKind } from '../../../../functions/shared/http/transient-errors';

describe('transientKind', () => {
  it.each([
    ['DynamoDB throttling', new ThrottlingException({ message: 'x', $metadata: {} }), 'throttled'],
    [
      'a server fault',
      Object.assign(new Error('boom'), { name: 'InternalServerError', $fault: 'server' }),
      'unavailable',
    ],
    [
      'an aborted request (timeout)',
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      'unavailable',
    ],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      'unavailable',
    ],
    [
      'a socket error wrapped by the SDK',
      new Error('AWS SDK error wrapper for Error: read ECONNRESET'),
      'unavailable',
    ],
    [
      'a client fault',
      Object.assign(new Error('bad'), { name: 'ValidationException', $fault: 'client' }),
      undefined,
    ],
    ['a bug', new TypeError('x is undefined'), undefined],
    ['a bug mentioning a code', new Error('ECONNREFUSED handling is broken'), undefined],
    ['not an error', 'ECONNREFUSED', undefined],
  ])('classifies %s', (_case, error, expected) => {
    // Act / Assess
    expect(transientKind(error)).toBe(expected);
  });
});
