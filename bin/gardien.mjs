#!/usr/bin/env node
// `npx gardien …` from a clone: runs the TypeScript CLI through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
const code = await main(process.argv.slice(2));
// Short commands are done: leave even if a driver keeps a socket open a moment longer.
process.exit(code);
