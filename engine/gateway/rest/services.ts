import type { IdentityDirectory } from '../../identity';
import type { RestProjections } from './projections';

/** What OneGo's own resource routes need beyond the engine: the read models and, with auth on, the directory. */
export interface RestServices {
  readonly projections: RestProjections;
  readonly directory?: IdentityDirectory;
}
