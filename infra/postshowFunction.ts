/**
 * One postshow Lambda: a NodejsFunction over `functions/lambda/{name}.ts` with the settings every
 * function shares (runtime, architecture, bundling, tracing, a 30-day log group, Powertools).
 */
import path from 'node:path';
import { RemovalPolicy, Size, type Duration } from 'aws-cdk-lib';
import { Tracing, type ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { LAMBDA_BUNDLING } from './bundling.js';
import { LAMBDA_ARCHITECTURE, LAMBDA_RUNTIME } from './lambdaPlatform.js';

/** Where the Lambda entry files live, relative to the project root. */
export const LAMBDA_ENTRY_DIR = 'functions/lambda';

export const POWERTOOLS_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: 'postshow',
  POWERTOOLS_METRICS_NAMESPACE: 'Postshow',
} as const;

export interface PostshowFunctionProps {
  /** Entry file name without extension: a stage name or `catalogApi`. */
  readonly entryName: string;
  /** Directory holding functions/lambda/ and package-lock.json. */
  readonly projectRoot: string;
  readonly memoryMiB: number;
  /** Concurrency reserved for (and capping) this function; none when absent. */
  readonly reservedConcurrency?: number;
  readonly timeout: Duration;
  readonly ephemeralMiB?: number;
  readonly environment: Record<string, string>;
  readonly layers?: ILayerVersion[];
  readonly description: string;
}

export function postshowFunction(scope: Construct, id: string, props: PostshowFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.ONE_MONTH,
    // Operational logs only; they go with the stack.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  return new NodejsFunction(scope, id, {
    entry: path.join(props.projectRoot, LAMBDA_ENTRY_DIR, `${props.entryName}.ts`),
    handler: 'handler',
    projectRoot: props.projectRoot,
    depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
    runtime: LAMBDA_RUNTIME,
    architecture: LAMBDA_ARCHITECTURE,
    memorySize: props.memoryMiB,
    ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
    timeout: props.timeout,
    ...(props.ephemeralMiB ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralMiB) } : {}),
    bundling: LAMBDA_BUNDLING,
    tracing: Tracing.ACTIVE,
    logGroup,
    layers: props.layers ?? [],
    description: props.description,
    environment: {
      ...props.environment,
      ...POWERTOOLS_ENVIRONMENT,
      // The bundles ship source maps; this makes stack traces point at the TypeScript sources.
      NODE_OPTIONS: '--enable-source-maps',
    },
  });
}
