import twilio from 'twilio';
import { readWorkerToken, type WorkerToken } from './worker-token';

export interface MintOptions {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  workspaceSid: string;
  workerSid: string;
  ttlSeconds: number;
  now: number;
}

/** Signs a worker's Access Token (TaskRouter grant) with the API key, as a customer's backend would. */
export function mintWorkerToken(options: MintOptions): WorkerToken {
  const token = new twilio.jwt.AccessToken(options.accountSid, options.apiKeySid, options.apiKeySecret, {
    identity: options.workerSid,
    ttl: options.ttlSeconds,
  });
  token.addGrant(new twilio.jwt.AccessToken.TaskRouterGrant({ workspaceSid: options.workspaceSid, workerSid: options.workerSid, role: 'worker' }));
  const read = readWorkerToken(token.toJwt(), options.now);
  if (!read.ok) throw new Error('A freshly minted token could not be read back');
  return read.value;
}
