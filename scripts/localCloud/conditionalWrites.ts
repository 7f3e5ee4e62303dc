/**
 * S3 conditional writes for the fauxqs emulator. fauxqs (1.9) ignores `If-None-Match: *` on PutObject,
 * which S3 has honoured since August 2024 and which postshow's fan-in relies on (`Storage.putIfAbsent`).
 * This hook gives the emulator S3's documented behaviour at the protocol level: a PUT carrying
 * `If-None-Match: *` on a key that exists is answered `412 PreconditionFailed` with S3's XML error body,
 * and conditional PUTs to the same key are serialised so exactly one of two racing creates wins.
 * Clients see real S3 wire behaviour; nothing in postshow knows about it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export function addConditionalWrites(app: FastifyInstance): void {
  const locks = new Map<string, Promise<void>>();
  const releases = new WeakMap<FastifyRequest, () => void>();

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'PUT' || request.headers['if-none-match'] !== '*') return;
    const [path = request.url, query = ''] = request.url.split('?');
    // Only whole-object PUTs (the SDK adds `x-id=PutObject`): UploadPart carries an uploadId, CopyObject a copy-source header.
    if (/(^|&)uploadId=/.test(query) || request.headers['x-amz-copy-source']) return;
    const previous = locks.get(path) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const chained = previous.then(() => mine);
    locks.set(path, chained);
    await previous;
    releases.set(request, () => {
      release();
      if (locks.get(path) === chained) locks.delete(path);
    });
    const head = await app.inject({ method: 'HEAD', url: path });
    if (head.statusCode === 200) {
      return reply
        .code(412)
        .header('content-type', 'application/xml')
        .send(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>PreconditionFailed</Code>' +
            '<Message>At least one of the pre-conditions you specified did not hold</Message>' +
            `<Condition>If-None-Match</Condition><RequestId>${request.id}</RequestId></Error>`,
        );
    }
  });
  const finish = async (request: FastifyRequest) => {
    releases.get(request)?.();
    releases.delete(request);
  };
  app.addHook('onResponse', finish);
  app.addHook('onRequestAbort', finish);
}
