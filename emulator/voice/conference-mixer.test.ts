import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConferenceMixer } from './conference-mixer';
import { SimulatedCaller } from './simulated-caller';
import { silence } from './audio-frames';
import { waitFor } from '../../test-support/wait-for';

describe('ConferenceMixer', () => {
  let mixer: ConferenceMixer;
  beforeEach(() => {
    mixer = new ConferenceMixer();
  });
  afterEach(() => mixer.stop());

  it('lets each participant hear the other, and silences a muted one', async () => {
    const talker = new SimulatedCaller();
    const listener = new SimulatedCaller(silence);
    mixer.add('talker', talker);
    mixer.add('listener', listener);
    await waitFor(() => listener.meter.figures().packetsReceived >= 30);
    expect(listener.meter.figures().audioLevel).toBeGreaterThan(0.05);
    // The talker hears the (silent) listener: packets, but no level.
    expect(talker.meter.figures().packetsReceived).toBeGreaterThan(20);
    expect(talker.meter.figures().audioLevel).toBe(0);

    mixer.setMuted('talker', true);
    await waitFor(() => listener.meter.figures().audioLevel === 0);
    mixer.setMuted('talker', false);
    await waitFor(() => listener.meter.figures().audioLevel > 0.05);
  });

  it('plays hold music to a held participant, who is no longer heard', async () => {
    const caller = new SimulatedCaller();
    const agent = new SimulatedCaller(silence);
    mixer.add('caller', caller);
    mixer.add('agent', agent);
    await waitFor(() => agent.meter.figures().audioLevel > 0.05);
    mixer.setHeld('caller', true);
    // The caller now hears music although the agent is silent; the agent stops hearing the caller.
    await waitFor(() => caller.meter.figures().audioLevel > 0.05);
    await waitFor(() => agent.meter.figures().audioLevel === 0);
  });
});
