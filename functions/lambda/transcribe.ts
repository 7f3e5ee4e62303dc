/** Lambda entry of the transcribe stage (bundled by infra/; see functions/lambda/stageWorker.ts). */
import { createStageHandler } from './stageWorker.js';

export const handler = createStageHandler('transcribe', { env: process.env });
