// dynalite ships no types; this is the part of its API the local cloud uses (a node http.Server).
declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    /** Milliseconds a table stays CREATING/DELETING/UPDATING; 0 for tests. */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    /** Persist to this directory instead of memory. */
    path?: string;
  }

  export default function dynalite(options?: DynaliteOptions): Server;
}
