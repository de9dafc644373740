import { describe, expect, it } from 'vitest';
import { sdkSoundSamples, wavBytes } from './local-sounds';

describe('bundled SDK sounds', () => {
  it('has every sound the SDK plays', () => {
    expect(Object.keys(sdkSoundSamples()).sort()).toEqual(['disconnect', 'dtmf0', 'dtmf1', 'dtmf2', 'dtmf3', 'dtmf4', 'dtmf5', 'dtmf6', 'dtmf7', 'dtmf8', 'dtmf9', 'dtmfh', 'dtmfs', 'incoming', 'outgoing']);
  });

  it('writes a valid mono 16-bit PCM WAV header', () => {
    const bytes = wavBytes(new Int16Array([0, 1000, -1000]));
    const view = new DataView(bytes.buffer);
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe('RIFF');
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(6);
    expect(view.getInt16(46, true)).toBe(1000);
  });
});
