import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sidSchema } from '../../shared/sids';
import type { SessionHub } from './sessions';

/**
 * Admin endpoints for tests (and the host's fallback tests) that need to break
 * the Worker SDK's WebSocket on purpose. Same rules as the rest of /emulator/:
 * JSON bodies only, and no foreign Origin (a web page must not drive them).
 */

const disconnectBody = z.object({ workerSid: sidSchema('WK', 'workerSid').optional() }).strict();
const blockBody = z.object({ blocked: z.boolean({ message: 'blocked must be true or false' }) }).strict();

export function registerEventBridgeAdmin(app: FastifyInstance, hub: SessionHub): void {
  const guard = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const origin = request.headers.origin;
    // The emulator's own pages are same-origin; anything else is a foreign page.
    if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) {
      void reply.code(403).send({ error: 'forbidden_origin', message: `Origin ${origin} may not use the emulator admin API` });
      return false;
    }
    const type = request.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(type)) {
      void reply.code(415).send({ error: 'unsupported_media_type', message: 'Admin POSTs take a JSON body (Content-Type: application/json)' });
      return false;
    }
    return true;
  };

  app.post('/emulator/eventbridge/disconnect', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const body = disconnectBody.safeParse(request.body ?? {});
    if (!body.success) return reply.code(400).send({ error: 'invalid_input', message: body.error.issues[0]?.message ?? 'Invalid body' });
    const dropped = hub.drop(body.data.workerSid);
    return { dropped };
  });

  app.post('/emulator/eventbridge/block', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    const body = blockBody.safeParse(request.body);
    if (!body.success) return reply.code(400).send({ error: 'invalid_input', message: body.error.issues[0]?.message ?? 'Invalid body' });
    hub.setBlocked(body.data.blocked);
    return { blocked: hub.isBlocked() };
  });

  app.get('/emulator/eventbridge/sessions', async () => ({
    sessions: hub.sessionCount(),
    blocked: hub.isBlocked(),
    refusedUpgrades: hub.refusedUpgrades,
  }));
}
