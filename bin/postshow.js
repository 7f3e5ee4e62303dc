#!/usr/bin/env node
// Launcher for `postshow` (npm link / npx): runs the TypeScript CLI through tsx's loader, so there
// is no build step between a checkout and a working command.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
