import { randomBytes } from 'node:crypto';
import type { VoiceCallNetwork } from './call-network';
import { FINAL_CALL_STATUSES } from './call-registry';
import type { DeviceSession, InvitePayload } from './signaling-server';
import { loopbackUrl } from './twiml/loopback-fetch';
import type { TwimlHost } from './twiml/twiml-host';
import { runTwiml } from './twiml/twiml-runner';
import { WebRtcLeg } from './web-rtc-leg';

/** TwiML apps registered with `POST /emulator/twiml-apps`, by AP SID; the built-in demo app is the fallback. */
export class TwimlApps {
  private readonly apps = new Map<string, { sid: string; voiceUrl: string; voiceMethod: 'GET' | 'POST' }>();
  readonly demoAppSid = 'AP' + randomBytes(16).toString('hex');

  constructor(private readonly demoAppUrl: () => string) {}

  register(voiceUrl: string, voiceMethod: 'GET' | 'POST'): { sid: string; voiceUrl: string; voiceMethod: 'GET' | 'POST' } {
    loopbackUrl(voiceUrl);
    if (this.apps.size >= 100) this.apps.delete(this.apps.keys().next().value!);
    const app = { sid: 'AP' + randomBytes(16).toString('hex'), voiceUrl, voiceMethod };
    this.apps.set(app.sid, app);
    return app;
  }

  /** The app a token's `outgoing.application_sid` names; unknown or none → the demo app. */
  resolve(sid: string | undefined): { sid: string; voiceUrl: string; voiceMethod: 'GET' | 'POST' } {
    const app = sid ? this.apps.get(sid) : undefined;
    return app ?? { sid: this.demoAppSid, voiceUrl: this.demoAppUrl(), voiceMethod: 'POST' };
  }

  list(): { sid: string; voiceUrl: string; voiceMethod: 'GET' | 'POST'; builtIn: boolean }[] {
    return [{ ...this.resolve(undefined), builtIn: true }, ...[...this.apps.values()].map((a) => ({ ...a, builtIn: false }))];
  }

  clear(): void {
    this.apps.clear();
  }
}

const MAX_PARAMS = 50;
/** Live calls one Device may have placed at once; more invites are refused (a misbehaving page cannot pile up peers). */
export const MAX_OUTGOING_CALLS_PER_DEVICE = 4;

/**
 * A Device places a call (`Device.connect({params})`): the emulator answers
 * the SDK's offer with its own WebRTC leg, gives the call a CA SID (sent in
 * `answer`, which the SDK adopts as `call.parameters.CallSid`), and runs the
 * TwiML app with the standard voice parameters plus the SDK's params (`To`…)
 * and the token's `outgoing.params`, as Twilio does. The call's `from` is
 * `client:<identity>`, its direction `inbound`.
 */
export function outgoingCallHandler(deps: { host: TwimlHost; network: VoiceCallNetwork; apps: TwimlApps }) {
  const { host, network, apps } = deps;
  return (session: DeviceSession, invite: InvitePayload): void => {
    if (invite.reconnect) {
      // A signaling reconnect of a call the emulator no longer holds.
      session.send('hangup', { callsid: invite.callsid, error: { code: 31005, message: 'The emulator does not resume calls after a signaling reconnect' } });
      return;
    }
    const live = host.voice.calls.all().filter((c) => c.session === session && c.direction === 'inbound' && !FINAL_CALL_STATUSES.has(c.status)).length;
    if (live >= MAX_OUTGOING_CALLS_PER_DEVICE) {
      session.send('hangup', { callsid: invite.callsid, error: { code: 31005, message: `A Device may place at most ${MAX_OUTGOING_CALLS_PER_DEVICE} calls at once on the emulator` } });
      return;
    }
    const params: Record<string, string> = { ...session.outgoingParams };
    for (const [k, v] of [...new URLSearchParams(invite.params)].slice(0, MAX_PARAMS)) params[k.slice(0, 256)] = v.slice(0, 1024);
    const app = apps.resolve(session.outgoingApplicationSid);
    const leg = new WebRtcLeg({ stunUrl: host.voice.stunUrl, role: 'answerer' });
    leg.answerOffer(invite.sdp).then(
      (answer) => {
        const call = host.voice.registerDeviceCall({ from: `client:${session.identity ?? 'anonymous'}`, to: params['To'] ?? '', session, endpoint: leg, tempSid: invite.callsid });
        network.mirrorCall(call);
        session.send('answer', { callsid: call.sid, sdp: answer });
        runTwiml(host, call, { url: app.voiceUrl, method: app.voiceMethod, params: { ...params, ApplicationSid: app.sid } });
      },
      (error: unknown) => {
        void leg.close();
        session.send('hangup', { callsid: invite.callsid, error: { code: 31000, message: `The emulator could not answer the offer: ${error instanceof Error ? error.message : String(error)}` } });
      },
    ).catch((error: unknown) => console.error('emulator: an outgoing call failed to start', error));
  };
}
