import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxControl } from './control-api';
import { FUNCTION_FAULTS_SHAPE, type FunctionFaults, functionFaultsSchema } from './function-faults';
import { BodyTooLargeError, problem, readBody, sendJson, sendProblem } from './http-util';

const REPLICATION = /^\/regions\/([^/]+)\/replication\/(pause|resume)$/;
const MAX_FAULTS_BYTES = 16 * 1024;
const FUNCTION_FAULTS = /^\/regions\/([^/]+)\/function-faults$/;

/**
 * The control API's fault-injection routes for the chaos scenarios:
 * `POST /regions/{r}/replication/pause|resume` (replication to and from r's replica stops, then catches up),
 * `PUT /regions/{r}/function-faults` with FunctionFaults, `DELETE` clears them.
 * Each answers with the region's state. Returns false when the path is not one of them.
 */
export async function handleChaosRoute(
  control: SandboxControl,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  method: string,
): Promise<boolean> {
  const replication = REPLICATION.exec(path);
  const faults = FUNCTION_FAULTS.exec(path);
  const match = replication ?? faults;
  if (!match) return false;
  const region = decodeURIComponent(match[1]);
  const supported = replication
    ? control.pauseReplication && control.resumeReplication
    : control.setFunctionFaults;
  if (!supported) {
    sendProblem(res, problem(404, 'Not Found', `this sandbox does not support ${path}`));
    return true;
  }
  if (!control.regions.includes(region)) {
    const detail = `unknown region "${region}"; regions: ${control.regions.join(', ')}`;
    sendProblem(res, problem(404, 'Not Found', detail));
    return true;
  }
  const done = () => sendJson(res, 200, control.state().regions[region]);
  if (replication && method === 'POST') {
    if (replication[2] === 'pause') await control.pauseReplication?.(region);
    else await control.resumeReplication?.(region);
    done();
    return true;
  }
  if (faults && method === 'DELETE') {
    await control.setFunctionFaults?.(region, null);
    done();
    return true;
  }
  if (faults && method === 'PUT') {
    const body = await parseFaults(req);
    if ('error' in body) {
      const title = body.status === 413 ? 'Content Too Large' : 'Bad Request';
      sendProblem(res, problem(body.status, title, body.error));
      return true;
    }
    await control.setFunctionFaults?.(region, body.faults);
    done();
    return true;
  }
  const allowed = replication ? 'POST' : 'PUT, DELETE';
  sendProblem(
    res,
    problem(405, 'Method Not Allowed', `${method} is not supported on ${path}; use ${allowed}`),
    {
      allow: allowed,
    },
  );
  return true;
}

async function parseFaults(
  req: IncomingMessage,
): Promise<{ faults: FunctionFaults } | { status: 400 | 413; error: string }> {
  let text: string;
  try {
    text = (await readBody(req, MAX_FAULTS_BYTES)).toString('utf8');
  } catch (e) {
    // Only an oversized body is the client's 413; anything else (a dropped connection) is not.
    if (!(e instanceof BodyTooLargeError)) throw e;
    return { status: 413, error: `body larger than ${MAX_FAULTS_BYTES} bytes: ${FUNCTION_FAULTS_SHAPE}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text || '{}');
  } catch {
    return { status: 400, error: `body must be JSON: ${FUNCTION_FAULTS_SHAPE}` };
  }
  const parsed = functionFaultsSchema.safeParse(raw);
  if (parsed.success) return { faults: parsed.data as FunctionFaults };
  return {
    status: 400,
    error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
  };
}
