/**
 * The one place that names the Lambda platform: runtime, CPU architecture and the matching esbuild
 * target. The layers (linux-x64 ffmpeg, glibc x64 sharp/jieba builds) only run on this pair.
 *
 * Node.js 22 rather than 24 (which this aws-cdk-lib also offers): it is the nearest runtime to the
 * Node 20 the project develops and tests on, and it is supported on Lambda until 2027.
 */
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';

export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;
export const LAMBDA_ARCHITECTURE = Architecture.X86_64;
export const ESBUILD_TARGET = 'node22';

/** Lambda's limit for a function's code plus all of its layers, unzipped (250 MB). */
export const LAMBDA_UNZIPPED_LIMIT_BYTES = 262_144_000;
