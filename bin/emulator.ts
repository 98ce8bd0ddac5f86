#!/usr/bin/env node
// Thin entry of `npm run emulator`: deploy the app into a local AWS emulator and test it black-box.
// Ctrl-C / SIGTERM abort the run, which then stops everything it started.
import { loadProjectConfig } from '../lib/config/load-config';
import { abortOnSignals } from '../lib/drill/signals';
import { parseEmulatorArgs, USAGE } from '../lib/emulator/args';
import { defaultSettings } from '../lib/emulator/emulator-settings';
import { runEmulator } from '../lib/emulator/run';

let args: ReturnType<typeof parseEmulatorArgs>;
try {
  args = parseEmulatorArgs(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const settings = { ...defaultSettings(undefined, args.port), account: loadProjectConfig().account };
const controller = new AbortController();
const unwire = abortOnSignals(controller, process, (line) => console.error(line), {
  first: 'stopping the token endpoint and the emulator...',
  again: 'still stopping, please wait.',
});
runEmulator(settings, args, {
  progress: (line) => console.error(line),
  out: (text) => console.log(text),
  signal: controller.signal,
}).then((code) => {
  unwire();
  process.exitCode = code;
});
