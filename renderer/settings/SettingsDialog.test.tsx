import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithServices } from '../test-support/render';
import { SettingsDialog } from './SettingsDialog';

const settingsValue = { mode: 'account', accountSid: null, apiKeySid: null, workspaceSid: null, workerSid: null, tokenUrl: null, hasSecret: true, transport: 'subscribe', defaultInstruction: 'accept', contactUri: null };

describe('settings dialog', () => {
  const hex = 'a'.repeat(32);
  const fill = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

  it('hands credentials to the host and clears the secret from the form, keeping it nowhere', async () => {
    const { calls } = renderWithServices(<SettingsDialog onClose={() => undefined} />, (method) => (method === 'listWorkers' ? [] : settingsValue));
    fireEvent.click(screen.getByRole('radio', { name: 'Twilio account' }));
    fill(/^Account SID/, `AC${hex}`);
    fill(/^API key SID/, `SK${hex}`);
    fill(/secret or auth token/, 'super-secret-value');
    fill(/^Workspace SID/, `WS${hex}`);
    fill(/^Worker/, `WK${hex}`);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save connection settings' })));
    const save = calls.find((c) => c.method === 'saveSettings');
    expect(save?.input).toMatchObject({ mode: 'account', accountSid: `AC${hex}`, secret: 'super-secret-value', workerSid: `WK${hex}` });
    expect((screen.getByLabelText(/secret/i) as HTMLInputElement).value).toBe('');
    expect(JSON.stringify({ ...localStorage })).not.toContain('super-secret-value');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('super-secret-value');
  });

  it('refuses a malformed SID with a message and sends nothing', async () => {
    const { calls } = renderWithServices(<SettingsDialog onClose={() => undefined} />, () => []);
    fireEvent.click(screen.getByRole('radio', { name: 'Twilio account' }));
    fill(/^Account SID/, 'AC123');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save connection settings' })));
    expect(calls.filter((c) => c.method === 'saveSettings')).toEqual([]);
    expect(screen.getByText(/The account SID must be a SID starting with AC/)).toBeTruthy();
  });
});
