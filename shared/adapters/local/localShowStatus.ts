/**
 * A show's status as a local reader should report it. `status.json` is written by the running stages,
 * so a process that was killed leaves it reading `running` forever; the show's run lock knows better.
 */
import { showKeys, type ShowId } from '../../core/keys.js';
import type { Storage } from '../../pipeline/ports.js';
import { showStatusSchema, type ShowStatus } from '../../pipeline/status.js';
import { tryReadJson } from '../../pipeline/storageJson.js';
import { readLocalRunState } from './showRunLock.js';

/** The show's status, `interrupted` when its run's process is gone; undefined when the show is unknown. */
export async function readLocalShowStatus(storage: Storage, workspace: string, showId: ShowId): Promise<ShowStatus | undefined> {
  const status = await tryReadJson(storage, showKeys(showId).status, showStatusSchema);
  const run = await readLocalRunState(workspace, showId);
  if (!status || run.state !== 'interrupted' || status.state === 'succeeded') return status;
  return {
    ...status,
    state: 'interrupted',
    interrupted: { runId: run.record.runId, since: status.updatedAt, resume: 'run the same `postshow run` command again: finished work is reused' },
  };
}
