#!/usr/bin/env node
// Entry point installed as `qready`: runs the compiled CLI (npm run build writes dist/).
import { main } from '../dist/runner/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
