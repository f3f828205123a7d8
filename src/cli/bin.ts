#!/usr/bin/env node
// The `backfile` executable.
import { runCli } from './main.js';

await runCli(process.argv.slice(2));
