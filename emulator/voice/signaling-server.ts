import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { HEARTBEAT, SignalingErrorCode, parseClientFrame, serverFrame, type ClientMessage } from './pstream-messages';
import { verifyVoiceToken, type ApiKeySecretLookup } from './voice-token';

/** Path the Voice SDK opens (`wss://{host}/signal`). */
export const SIGNALING_PATH = '/signal';

/** One open signaling socket: a Voice SDK Device. */
export interface DeviceSession {
  readonly id: number;
  identity: string | undefined;
  incomingAllowed: boolean;
  /** The Voice grant's `outgoing.application_sid`, if the token names one. */
  outgoingApplicationSid: string | undefined;
  /** The Voice grant's `outgoing.params` (sent to the app with every outgoing call). */
  outgoingParams: Record<string, string>;
  registered: boolean;
  send(type: string, payload: Record<string, unknown>): void;
}

/** A call placed by a Device: its temporary SID, its offer, and the app parameters (`To=…&k=v`). */
export interface InvitePayload {
  callsid: string;
  sdp: string;
  params: string;
  /** Set when the SDK re-invites after a signaling reconnect. */
  reconnect: string | undefined;
}

/** What the call layer hears from Devices. */
export interface DeviceCallHandler {
  onInvite(session: DeviceSession, invite: InvitePayload): void;
  onAnswer(session: DeviceSession, callSid: string, sdp: string): void;
  onHangup(session: DeviceSession, callSid: string): void;
  onReject(session: DeviceSession, callSid: string): void;
  onDtmf(session: DeviceSession, callSid: string, digits: string): void;
  onSessionClosed(session: DeviceSession): void;
}

export interface SignalingServerOptions {
  lookupSecret: ApiKeySecretLookup;
  /** The SDK reconnects after 15 s of silence; Twilio sends a heartbeat well within that. */
  heartbeatMs?: number;
  /** Region reported in `connected`; edge is derived by the SDK. */
  region?: string;
  now?: () => number;
}

/**
 * Twilio Voice signaling (PStream 1.6) as the unmodified Voice SDK speaks it:
 * listen → connected, register → ready/offline, and the call messages handed
 * to a {@link DeviceCallHandler}. Bad frames are ignored; a bad token earns
 * the SDK's error codes, never a crash.
 */
export class SignalingServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 256 * 1024 });
  private readonly sessions = new Set<DeviceSession>();
  private readonly heartbeat: NodeJS.Timeout;
  private handler: DeviceCallHandler | undefined;
  private nextSessionId = 1;

  constructor(private readonly options: SignalingServerOptions) {
    this.heartbeat = setInterval(() => this.broadcastHeartbeat(), options.heartbeatMs ?? 10_000);
    this.heartbeat.unref();
  }

  setCallHandler(handler: DeviceCallHandler): void {
    this.handler = handler;
  }

  /** Takes over an HTTP upgrade for {@link SIGNALING_PATH}; returns false for any other path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = URL.parse(request.url ?? '/', 'http://localhost')?.pathname;
    if (path !== SIGNALING_PATH) return false;
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
    return true;
  }

  /** Registered Devices of an identity that accept incoming calls. */
  reachableSessions(identity: string): DeviceSession[] {
    return [...this.sessions].filter((s) => s.registered && s.incomingAllowed && s.identity === identity);
  }

  isRegistered(identity: string): boolean {
    return this.reachableSessions(identity).length > 0;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    const session: DeviceSession = {
      id: this.nextSessionId++,
      identity: undefined,
      incomingAllowed: false,
      outgoingApplicationSid: undefined,
      outgoingParams: {},
      registered: false,
      send: (type, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(serverFrame(type, payload));
      },
    };
    this.sessions.add(session);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = parseClientFrame(data.toString());
      if (!message) return;
      try {
        this.onMessage(session, message);
      } catch (error) {
        // One Device's bad moment must not take the emulator down.
        console.error('emulator: signaling message handling failed', error);
      }
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      this.sessions.delete(session);
      session.registered = false;
      this.handler?.onSessionClosed(session);
    });
  }

  private onMessage(session: DeviceSession, message: ClientMessage): void {
    switch (message.type) {
      case 'listen':
        return this.onListen(session, message.payload.token);
      case 'register':
        if (!session.identity) return session.send('error', errorPayload(SignalingErrorCode.authenticationFailed, 'Register before listen'));
        session.registered = message.payload.media.audio;
        return session.send(session.registered ? 'ready' : 'offline', {});
      case 'answer':
        return this.handler?.onAnswer(session, message.payload.callsid, message.payload.sdp);
      case 'hangup':
        return this.handler?.onHangup(session, message.payload.callsid);
      case 'reject':
        return this.handler?.onReject(session, message.payload.callsid);
      case 'dtmf':
        return this.handler?.onDtmf(session, message.payload.callsid, message.payload.dtmf);
      case 'invite':
        if (!session.identity) return session.send('hangup', { callsid: message.payload.callsid, error: { code: SignalingErrorCode.authenticationFailed, message: 'Invite before listen' } });
        return this.handler?.onInvite(session, {
          callsid: message.payload.callsid,
          sdp: message.payload.sdp,
          params: message.payload.twilio?.params ?? '',
          reconnect: message.payload.reconnect,
        });
      case 'reinvite':
      case 'message':
        return;
    }
  }

  private onListen(session: DeviceSession, token: string): void {
    const verified = verifyVoiceToken(token, this.options.lookupSecret, this.options.now?.());
    if (!verified.ok) {
      session.registered = false;
      session.send('error', errorPayload(verified.error.code, verified.error.message));
      return;
    }
    session.identity = verified.value.identity;
    session.incomingAllowed = verified.value.incomingAllowed;
    session.outgoingApplicationSid = verified.value.outgoingApplicationSid;
    session.outgoingParams = verified.value.outgoingParams;
    // No `home`: it would point the SDK's Insights publisher at a real host.
    session.send('connected', {
      region: this.options.region ?? 'us1',
      token: { identity: verified.value.identity, ttl: verified.value.ttlSec },
    });
  }

  private broadcastHeartbeat(): void {
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(HEARTBEAT);
  }
}

function errorPayload(code: number, message: string): Record<string, unknown> {
  return { error: { code, message } };
}
