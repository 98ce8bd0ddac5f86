import type { MiddlewareObj } from '@middy/core';
import { HttpProblem } from '../problem';
import { type ApiEvent, header } from './api-event';

/** Options of the JSON body parser. */
export interface JsonBodyOptions {
  /** Accepted media types, without parameters. @default ['application/json'] */
  readonly mediaTypes?: readonly string[];
  /** Largest accepted body, in bytes after base64 decoding. @default 16384 */
  readonly maxBytes?: number;
}

/**
 * Parses the JSON body into `event.jsonBody`: 415 for another media type or charset, 413 above the
 * size limit (checked before parsing, so a huge body costs nothing), 400 for a missing or malformed body.
 */
export function jsonBody(options: JsonBodyOptions = {}): MiddlewareObj<ApiEvent> {
  const mediaTypes = options.mediaTypes ?? ['application/json'];
  const maxBytes = options.maxBytes ?? 16384;
  return {
    before: (request) => {
      const { event } = request;
      const contentType = header(event, 'content-type');
      if (!contentType) {
        throw new HttpProblem(415, `Content-Type header is required; send ${mediaTypes.join(' or ')}`);
      }
      const [mediaType, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
      if (!mediaTypes.includes(mediaType)) {
        throw new HttpProblem(
          415,
          `Content-Type ${mediaType} is not supported; send ${mediaTypes.join(' or ')}`,
        );
      }
      const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
      if (charset && charset.replace(/"/g, '') !== 'utf-8') {
        throw new HttpProblem(415, `charset ${charset} is not supported; send UTF-8`);
      }
      const raw = event.body ?? '';
      const bytes = Buffer.byteLength(raw, event.isBase64Encoded ? 'base64' : 'utf8');
      if (bytes > maxBytes) {
        throw new HttpProblem(413, `Request body is ${bytes} bytes; the limit is ${maxBytes} bytes`);
      }
      const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      if (text.trim() === '') throw new HttpProblem(400, 'Request body is required');
      try {
        event.jsonBody = JSON.parse(text);
      } catch {
        throw new HttpProblem(400, 'Request body is not valid JSON');
      }
    },
  };
}
