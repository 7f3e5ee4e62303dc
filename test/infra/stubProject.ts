/**
 * A stand-in project root for stack tests: stub `functions/lambda/*.ts` entries and a lock file, so
 * NodejsFunction finds what it checks for while bundling is skipped. The real entries are bundled
 * by `npm run synth` and by test/infra/bundling.test.ts.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STAGES } from '../../shared/pipeline/messages.js';

export const LAMBDA_ENTRIES = [...STAGES, 'catalogApi'] as const;

export function createStubProject(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'postshow-stub-project-'));
  mkdirSync(path.join(root, 'functions', 'lambda'), { recursive: true });
  for (const name of LAMBDA_ENTRIES) {
    writeFileSync(path.join(root, 'functions', 'lambda', `${name}.ts`), 'export const handler = async () => undefined;\n');
  }
  writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n');
  return root;
}

/** App context that skips bundling and asset copies: the template is what the tests read. */
export const NO_BUNDLING_CONTEXT = {
  'aws:cdk:bundling-stacks': [],
  'aws:cdk:disable-asset-staging': true,
} as const;
