/** Lambda entry of the analyze stage (bundled by infra/; see functions/lambda/stageWorker.ts). */
import { createStageHandler } from './stageWorker.js';

export const handler = createStageHandler('analyze', { env: process.env });
