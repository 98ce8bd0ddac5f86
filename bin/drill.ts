#!/usr/bin/env node
// Thin entry of `npm run drill`: Ctrl-C / SIGTERM abort the drill, which then restores what it changed.
import { main } from '../lib/drill/main';
import { abortOnSignals } from '../lib/drill/signals';

const controller = new AbortController();
// On a terminal the line may land after a status line being redrawn on stdout: start a fresh one.
const unwire = abortOnSignals(controller, process, (line) =>
  console.error(process.stdout.isTTY ? `\n${line}` : line),
);
main(process.argv.slice(2), { signal: controller.signal }).then((code) => {
  unwire();
  process.exitCode = code;
});
