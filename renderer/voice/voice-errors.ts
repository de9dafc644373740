import { t, type MessageId } from '../i18n/i18n';

/**
 * Voice SDK errors in words an agent can act on, in their language, with the
 * code kept at the end for support ("… (error 31005)"). The SDK's own text
 * ("ConnectionError (31005): Error sent from gateway in HANGUP") never
 * reaches the agent. Codes that mean the same thing share a sentence.
 */
const SENTENCES: Record<number, MessageId> = {
  20101: 'voice.error.tokenRefused',
  20104: 'voice.error.tokenExpired',
  31000: 'voice.error.connectionLost',
  31003: 'voice.error.audioFailed',
  31005: 'voice.error.dropped',
  31009: 'voice.error.unreachable',
  31201: 'voice.error.micFailed',
  31204: 'voice.error.tokenRefused',
  31205: 'voice.error.tokenExpired',
  31208: 'voice.error.micBlocked',
  31401: 'voice.error.micBlocked',
  31402: 'voice.error.noMic',
  53000: 'voice.error.connectionLost',
  53405: 'voice.error.audioFailed',
};

export function describeVoiceError(code: number | undefined): string {
  const sentence = t((code !== undefined && SENTENCES[code]) || 'voice.error.other');
  return code !== undefined ? t('voice.error.withCode', { sentence, code: String(code) }) : sentence;
}
