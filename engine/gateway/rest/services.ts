import type { IdentityDirectory } from '../../identity';

/** What OneGo's own resource routes need beyond the engine and history: with auth on, the directory. */
export interface RestServices {
  readonly directory?: IdentityDirectory;
}
