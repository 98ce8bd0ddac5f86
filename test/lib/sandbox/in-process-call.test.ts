import type { IncomingMessage, ServerResponse } from 'node:http';
import { callListener } from '../../../lib/sandbox/in-process-call';

describe('callListener', () => {
  it('delivers method, url, headers and the body as data + end, and collects status, headers and body', async () => {
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        setImmediate(() => {
          res.statusCode = 201;
          res.setHeader('X-Echo', `${req.method} ${req.url} ${req.headers['x-amz-target']}`);
          res.setHeader('Content-Length', 4);
          res.end(Buffer.concat(chunks).toString().toUpperCase());
        });
      });
    };
    const r = await callListener(listener, 'POST', '/a?b=1', { 'x-amz-target': 'T.Op' }, Buffer.from('body'));
    expect(r).toEqual({
      status: 201,
      headers: { 'x-echo': 'POST /a?b=1 T.Op', 'content-length': '4' },
      body: Buffer.from('BODY'),
    });
  });

  it('sends no data event for an empty body, and rejects when the listener throws', async () => {
    let dataEvents = 0;
    const empty = await callListener(
      (req, res) => {
        req.on('data', () => dataEvents++);
        req.on('end', () => res.end());
      },
      'GET',
      '/',
      {},
      Buffer.alloc(0),
    );
    expect(empty).toEqual({ status: 200, headers: {}, body: Buffer.alloc(0) });
    expect(dataEvents).toBe(0);
    await expect(
      callListener(
        (req) => {
          req.on('end', () => {
            throw new Error('broken');
          });
        },
        'POST',
        '/',
        {},
        Buffer.from('x'),
      ),
    ).rejects.toThrow('broken');
  });
});
