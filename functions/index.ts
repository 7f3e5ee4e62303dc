/** The stage registry: stage id -> handler. The local runner and the Lambda adapters both dispatch through it. */
import type { StageHandlers } from '../shared/pipeline/stage.js';
import { analyze } from './analyze.js';
import { audio } from './audio.js';
import { catalog } from './catalog.js';
import { clip } from './clip.js';
import { ingest } from './ingest.js';
import { report } from './report.js';
import { suggest } from './suggest.js';
import { transcribe } from './transcribe.js';

export const stageHandlers: StageHandlers = { ingest, audio, transcribe, analyze, clip, suggest, catalog, report };
