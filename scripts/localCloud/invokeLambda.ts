/**
 * Invokes one stage's Lambda entry file in its own process, as Lambda would: the environment is this
 * process's, the SQS event arrives on stdin, the batch response is printed on stdout. The cloud tests
 * use it to kill a handler mid-stage (SIGKILL, like a timeout or a lost container).
 *   tsx scripts/localCloud/invokeLambda.ts <stage> < event.json
 */
import { text } from 'node:stream/consumers';
import { STAGES, type StageName } from '../../shared/pipeline/messages.js';

const stage = process.argv[2] as StageName;
if (!STAGES.includes(stage)) {
  process.stderr.write(`usage: invokeLambda.ts <${STAGES.join('|')}> < event.json\n`);
  process.exit(2);
}
const { handler } = (await import(`../../functions/lambda/${stage}.js`)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
const event = JSON.parse(await text(process.stdin)) as unknown;
const response = await handler(event, { functionName: `postshow-${stage}`, awsRequestId: 'local', getRemainingTimeInMillis: () => 900_000 });
process.stdout.write(`${JSON.stringify(response)}\n`);
