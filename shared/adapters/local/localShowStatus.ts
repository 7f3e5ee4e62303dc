/**
 * A show's status as a local reader should report it. `status.json` is written by the running stages,
 * so a process that was killed leaves it reading `running` forever; the show's run lock knows better.
 */
import type { Storage } from '../../pipeline/ports.js';
import { storedStatusReader, type ShowStatusReader } from '../../pipeline/workspaceViews.js';
import { readLocalRunState } from './showRunLock.js';

/** The stored status, `interrupted` when its run's process is gone; undefined when the show is unknown. */
export function localStatusReader(storage: Storage, workspace: string): ShowStatusReader {
  const readStored = storedStatusReader(storage);
  return async (showId) => {
    const status = await readStored(showId);
    const run = await readLocalRunState(workspace, showId);
    if (!status || run.state !== 'interrupted' || status.state === 'succeeded') return status;
    return {
      ...status,
      state: 'interrupted',
      interrupted: { runId: run.record.runId, since: status.updatedAt, resume: 'run the same `postshow run` command again: finished work is reused' },
    };
  };
}
