/**
 * Voice SDK errors in words an agent can act on, with the code kept at the end
 * for support ("… (error 31005)"). The SDK's own text ("ConnectionError
 * (31005): Error sent from gateway in HANGUP") never reaches the agent.
 */
const SENTENCES: Record<number, string> = {
  20101: 'The phone’s access token was refused. Reopen the app; if it persists, check the settings.',
  20104: 'The phone’s access token expired. The desktop is getting a new one.',
  31000: 'The phone lost its connection to the voice service. It reconnects by itself.',
  31003: 'The call’s audio could not connect. Check the network or VPN.',
  31005: 'The connection to the voice service dropped. The phone reconnects by itself; a call in progress may have ended.',
  31009: 'The phone could not reach the voice service. Check the network.',
  31201: 'The microphone could not be opened. Check that it is plugged in and allowed for this app.',
  31204: 'The phone’s access token was refused. Reopen the app; if it persists, check the settings.',
  31205: 'The phone’s access token expired. The desktop is getting a new one.',
  31208: 'The microphone is blocked. Allow it for this app, then try again.',
  31401: 'The microphone is blocked. Allow it for this app, then try again.',
  31402: 'No microphone was found. Plug one in, then try again.',
  53000: 'The phone lost its connection to the voice service. It reconnects by itself.',
  53405: 'The call’s audio could not connect. Check the network or VPN.',
};

export function describeVoiceError(code: number | undefined): string {
  const sentence = (code !== undefined && SENTENCES[code]) || 'The phone ran into a problem. If calls do not reach you, reopen the app.';
  return code !== undefined ? `${sentence} (error ${code})` : sentence;
}
