/**
 * The canary's script: one HTTPS GET of `TARGET_URL` (a deep `/health`) as a Synthetics HTTP step. It
 * fails unless the answer is 200 with `"status":"ok"`, and, when `EXPECTED_REGION` is set (a regional
 * hostname), unless the `x-region` header names that region, so a mis-pointed record is caught too.
 * Plain JavaScript because Synthetics runs it as is; `@aws/synthetics-puppeteer` is the runtime's own
 * library (its name since syn-nodejs-puppeteer-13.1).
 */
export const HEALTH_PROBE_SCRIPT = `
const synthetics = require('@aws/synthetics-puppeteer');

exports.handler = async () => {
  const target = new URL(process.env.TARGET_URL);
  const expectedRegion = process.env.EXPECTED_REGION;
  await synthetics.executeHttpStep(
    'health',
    {
      hostname: target.hostname,
      method: 'GET',
      path: target.pathname,
      port: 443,
      protocol: 'https:',
      headers: { 'User-Agent': synthetics.getCanaryUserAgentString() },
    },
    (res) =>
      new Promise((resolve, reject) => {
        let body = '';
        res.on('data', (chunk) => { body += chunk; });
        res.on('error', reject);
        res.on('end', () => {
          const region = res.headers['x-region'];
          if (res.statusCode !== 200) return reject(new Error(target.href + ' answered ' + res.statusCode + ': ' + body.slice(0, 300)));
          if (!/"status"\\s*:\\s*"ok"/.test(body)) return reject(new Error(target.href + ' did not report status ok: ' + body.slice(0, 300)));
          if (expectedRegion && region !== expectedRegion) return reject(new Error(target.href + ' was served by ' + region + ', not ' + expectedRegion));
          resolve();
        });
      }),
  );
};
`;
