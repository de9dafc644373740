/**
 * Placeholder for the call controls (mute, hold, hang up, keypad), which the
 * voice work replaces. It is loaded lazily so @twilio/voice-sdk never delays
 * the first screen.
 */
export default function VoicePanel() {
  return <p className="empty">No call in progress.</p>;
}
