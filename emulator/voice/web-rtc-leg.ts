import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import { MediaMeter } from './media-figures';
import type { MediaEndpoint } from './media-endpoint';
import { SAMPLES_PER_FRAME } from './audio-frames';
import { decodeUlaw, encodeUlaw } from './ulaw';

const PCMU_PAYLOAD_TYPE = 0;
/** Frames waiting to be mixed; more than this means the mixer fell behind, so old audio is dropped. */
const MAX_QUEUED_FRAMES = 5;

export interface WebRtcLegOptions {
  /** The emulator's loopback STUN server (see loopback-stun.ts). */
  stunUrl: string;
  /** 'offerer' for calls the emulator places (default); 'answerer' for calls a Device places. */
  role?: 'offerer' | 'answerer';
}

/**
 * The emulator's end of a WebRTC audio call with a browser running the Voice
 * SDK. Only PCMU is offered so the emulator can decode and measure what it
 * receives, and only loopback candidates are gathered so no packet leaves the
 * machine.
 */
export class WebRtcLeg implements MediaEndpoint {
  readonly meter = new MediaMeter();
  private readonly pc: RTCPeerConnection;
  private transceiver: RTCRtpTransceiver | undefined;
  private readonly received: Int16Array[] = [];
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private closed = false;

  constructor(options: WebRtcLegOptions) {
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: PCMU_PAYLOAD_TYPE })],
      },
      iceServers: [{ urls: options.stunUrl }],
      iceInterfaceAddresses: { udp4: '127.0.0.1' },
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
    });
    if (options.role !== 'answerer') this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.onRtp(rtp));
    });
  }

  /** Creates the offer with its candidates inlined: the SDK does not trickle ICE. */
  async createOffer(): Promise<string> {
    const offer = await this.pc.createOffer();
    await this.pc.setLocalDescription(offer);
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    return sdp;
  }

  /** Answers a Device's offer (an outgoing call); the answer carries the emulator's candidates. */
  async answerOffer(sdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    const transceiver = this.pc.getTransceivers().find((t) => t.kind === 'audio');
    if (!transceiver) throw new Error('the offer has no audio');
    transceiver.setDirection('sendrecv');
    this.transceiver = transceiver;
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    const local = this.pc.localDescription?.sdp;
    if (!local) throw new Error('werift produced no local description');
    return local;
  }

  async acceptAnswer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  get connectionState(): string {
    return this.pc.connectionState;
  }

  pullSpoken(): Int16Array | undefined {
    return this.received.shift();
  }

  play(samples: Int16Array): void {
    if (this.closed || !this.transceiver || this.pc.connectionState !== 'connected') return;
    const header = new RtpHeader({
      payloadType: PCMU_PAYLOAD_TYPE,
      sequenceNumber: this.sequenceNumber,
      timestamp: this.timestamp,
      marker: false,
    });
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + SAMPLES_PER_FRAME) >>> 0;
    this.transceiver.sender.sendRtp(new RtpPacket(header, encodeUlaw(samples))).catch(() => undefined);
    this.meter.recordSent();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pc.close().catch(() => undefined);
  }

  private onRtp(rtp: RtpPacket): void {
    if (this.closed || rtp.header.payloadType !== PCMU_PAYLOAD_TYPE) return;
    const samples = decodeUlaw(rtp.payload);
    this.meter.recordReceived(samples);
    this.received.push(samples);
    if (this.received.length > MAX_QUEUED_FRAMES) this.received.shift();
  }
}
