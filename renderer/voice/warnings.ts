/**
 * The Voice SDK's call-quality warnings (Call `warning` events), in words an
 * agent can act on.
 */
const WARNING_WORDS: Record<string, string> = {
  'high-rtt': 'The connection is slow: the caller may hear you with a delay.',
  'low-mos': 'Call quality is poor.',
  'high-jitter': 'The network is unsteady: audio may sound choppy.',
  'high-packet-loss': 'Audio is being lost on the way: the call may break up.',
  'high-packets-lost-fraction': 'Audio is being lost on the way: the call may break up.',
  'low-bytes-received': 'No audio is arriving from the caller.',
  'low-bytes-sent': 'Your microphone is not sending audio.',
  'ice-connectivity-lost': 'The call lost its network path; trying to recover.',
  'constant-audio-input-level': 'Your microphone seems silent or stuck: check it is plugged in and not muted.',
  'constant-audio-output-level': 'No sound is reaching your speakers.',
};

export function describeWarning(name: string): string {
  return WARNING_WORDS[name] ?? `Call quality warning: ${name.replace(/-/g, ' ')}.`;
}
