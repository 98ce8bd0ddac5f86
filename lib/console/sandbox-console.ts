import type { SandboxCore, SandboxExtension } from '../sandbox/sandbox';
import { createConsoleControl } from './console-control';
import { consoleRoute } from './console-route';
import { TrafficMeter } from './traffic-meter';

/**
 * The web console mounted on a sandbox (`startSandbox({ extend: sandboxConsole })`, as `bin/sandbox.ts`
 * does): the page on the control API's origin, traffic counted from the router, the incident timeline
 * updated after every probe round, drills through the CLI's engine, and a running drill cancelled and
 * restored before the control API closes.
 */
export function sandboxConsole(core: SandboxCore): SandboxExtension {
  const traffic = new TrafficMeter();
  const { control, recorder, drills } = createConsoleControl(core.control, {
    config: core.config,
    traffic,
    endpoints: core.endpoints,
  });
  return {
    control,
    route: consoleRoute({ appName: core.config.appName, endpoints: core.endpoints }),
    onRouted: (region, ok) => traffic.record(region, ok),
    onProbeRound: () => recorder.observe(),
    beforeStop: async () => {
      drills.cancel();
      await drills.settled();
    },
  };
}
