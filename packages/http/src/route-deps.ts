import type { AuthDeps, WardStores } from '@ward/core';

/** What every resource's route module is registered with: the core dependencies its use cases take. */
export interface RouteDeps {
  readonly deps: AuthDeps<WardStores>;
}

/** Route modules that accept CSV imports also know how large an import may be. */
export interface ImportRouteDeps extends RouteDeps {
  readonly importBodyLimit: number;
}
