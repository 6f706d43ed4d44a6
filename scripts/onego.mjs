#!/usr/bin/env node
// The `onego` command. TypeScript runs directly through tsx, so there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
