/**
 * Lambda refuses a function whose code and layers together exceed 250 MB unzipped, but only at
 * deploy time. This check fails synth instead, naming the function and the parts' sizes. A
 * function's bundle is measured only when synth bundled it (skipped bundling stages the sources).
 */
import { AssetStaging, Stack } from 'aws-cdk-lib';
import type { IValidation } from 'constructs';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { directorySize } from './assets/staging.js';
import { LAMBDA_UNZIPPED_LIMIT_BYTES } from './lambdaPlatform.js';

export interface SizedFunction {
  readonly fn: NodejsFunction;
  /** Unzipped bytes of the layers attached to it. */
  readonly layerBytes: number;
}

export const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** Bundled code size of `fn`, or undefined when bundling was skipped. */
export function bundledCodeBytes(fn: NodejsFunction): number | undefined {
  if (!Stack.of(fn).bundlingRequired) return undefined;
  const staging = fn.node.findAll().find((child): child is AssetStaging => child instanceof AssetStaging);
  return staging ? directorySize(staging.absoluteStagedPath) : undefined;
}

export function unzippedSizeValidation(functions: () => readonly SizedFunction[]): IValidation {
  return {
    validate: () =>
      functions().flatMap(({ fn, layerBytes }) => {
        const code = bundledCodeBytes(fn) ?? 0;
        if (code + layerBytes <= LAMBDA_UNZIPPED_LIMIT_BYTES) return [];
        return [
          `${fn.node.path}: code ${megabytes(code)} + layers ${megabytes(layerBytes)} exceeds Lambda's ` +
            `${megabytes(LAMBDA_UNZIPPED_LIMIT_BYTES)} unzipped limit`,
        ];
      }),
  };
}
