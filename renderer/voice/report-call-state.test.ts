import { describe, expect, it } from 'vitest';
import { reportCallState } from './report-call-state';
import { createVoiceStore, type CallInfo } from './voice-store';

const call: CallInfo = { callSid: `CA${'1'.repeat(32)}`, caller: 'Ada', reservationSid: null, state: 'ringing', startedAt: null, muted: false, held: false, warnings: {} };

describe('reporting the call state', () => {
  it('reports each change once (ringing to open is the same call), and no call when it stops', () => {
    const voice = createVoiceStore();
    const reports: boolean[] = [];
    const stop = reportCallState(voice, (inCall) => reports.push(inCall));
    voice.setState({ call });
    voice.setState({ call: { ...call, state: 'open', startedAt: 1 } });
    voice.setState({ micLevel: 0.3 });
    voice.setState({ call: null });
    voice.setState({ call });
    stop();
    expect(reports).toEqual([false, true, false, true, false]);
  });
});
