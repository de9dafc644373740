import type { FastifyReply } from 'fastify';
import type { EngineError } from '../domain/types';

/** Twilio's error body: `{code, message, more_info, status}`. */
export function twilioErrorBody(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export function sendError(reply: FastifyReply, error: EngineError): FastifyReply {
  return reply.code(error.status).type('application/json').send(twilioErrorBody(error.status, error.code, error.message));
}

export const notFoundError = (path: string): EngineError => ({ status: 404, code: 20404, message: `The requested resource ${path} was not found` });
export const badRequestError = (message: string): EngineError => ({ status: 400, code: 20001, message });
