import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { err } from '../../shared/result';
import { makeSettings } from '../test-support/fixtures';
import { renderWithServices } from '../test-support/render';
import { SettingsDialog } from './SettingsDialog';

const accountSettings = makeSettings({ mode: 'account', hasSecret: true });
const nextFrame = () => act(() => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined))));

describe('settings', () => {
  const hex = 'a'.repeat(32);
  const connection = () => screen.getByRole('form', { name: 'Connection' });
  const fill = (label: RegExp, value: string) => fireEvent.change(within(connection()).getByLabelText(label), { target: { value } });

  it('hands credentials to the host after confirming the switch, and clears the secret from the form, keeping it nowhere', async () => {
    const { calls, store } = renderWithServices(<SettingsDialog onClose={() => undefined} />, (method) => (method === 'listWorkers' ? [] : accountSettings));
    act(() => store.getState().setSettings(makeSettings()));
    fireEvent.click(screen.getByRole('radio', { name: 'Twilio account' }));
    fill(/^Account SID/, `AC${hex}`);
    fill(/^API key SID/, `SK${hex}`);
    fill(/secret or auth token/, 'super-secret-value');
    fill(/^Workspace SID/, `WS${hex}`);
    fill(/^Worker/, `WK${hex}`);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save connection settings' })));
    // A change of mode reconnects and clears the offers on screen: nothing is saved until the agent confirms.
    expect(calls.find((c) => c.method === 'saveSettings')).toBeUndefined();
    const confirm = screen.getByRole('alertdialog', { name: /Switch to Twilio account/ });
    await act(async () => fireEvent.click(within(confirm).getByRole('button', { name: 'Switch and reconnect' })));
    const save = calls.find((c) => c.method === 'saveSettings');
    expect(save?.input).toMatchObject({ mode: 'account', accountSid: `AC${hex}`, secret: 'super-secret-value', workerSid: `WK${hex}` });
    expect((within(connection()).getByLabelText(/secret/i) as HTMLInputElement).value).toBe('');
    expect(JSON.stringify({ ...localStorage })).not.toContain('super-secret-value');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('super-secret-value');
  });

  it('flags every invalid field at once in words, focuses the first, sends nothing, and clears errors as they are fixed', async () => {
    const { calls } = renderWithServices(<SettingsDialog onClose={() => undefined} />, () => []);
    fireEvent.click(screen.getByRole('radio', { name: 'Twilio account' }));
    fill(/^Account SID/, 'AC123');
    fill(/^Workspace SID/, 'nope');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save connection settings' })));
    await nextFrame();
    expect(calls.filter((c) => c.method === 'saveSettings')).toEqual([]);
    const invalid = within(connection())
      .getAllByRole('textbox')
      .concat(within(connection()).queryAllByRole('combobox'))
      .filter((el) => el.getAttribute('aria-invalid') === 'true')
      .map((el) => el.id);
    expect(invalid.sort()).toEqual(['settings-accountSid', 'settings-workerSid', 'settings-workspaceSid']);
    expect(document.activeElement?.id).toBe('settings-accountSid');
    expect(screen.getByText(/Enter a SID: AC followed by 32 hexadecimal characters/, { selector: '.field-error' })).toBeTruthy();
    expect(within(connection()).getByRole('alert').textContent).toMatch(/Fix these 3 things/);
    fill(/^Account SID/, `AC${hex}`);
    expect(within(connection()).getByLabelText(/^Account SID/).getAttribute('aria-invalid')).toBeNull();
    expect(within(connection()).getByLabelText(/^Workspace SID/).getAttribute('aria-invalid')).toBe('true');
  });

  it('attaches a host refusal to its field and not to the form', async () => {
    const { store } = renderWithServices(<SettingsDialog onClose={() => undefined} />, (method) =>
      method === 'saveSettings' ? err('invalid_input', 'The token URL must not point at this machine.', { field: 'tokenUrl' }) : [],
    );
    act(() => store.getState().setSettings(makeSettings({ mode: 'tokenUrl', tokenUrl: 'https://old.example.com/token' })));
    fireEvent.click(screen.getByRole('radio', { name: /Token URL/ }));
    fill(/^Token URL$/, 'https://old.example.com/token');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save connection settings' })));
    await nextFrame();
    const field = within(connection()).getByLabelText(/^Token URL$/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('The token URL must not point at this machine.', { selector: '.field-error' })).toBeTruthy();
    expect(document.activeElement).toBe(field);
  });

  it('lists every invalid desk setting at once', async () => {
    const { calls } = renderWithServices(<SettingsDialog onClose={() => undefined} />, () => []);
    const desk = screen.getByRole('form', { name: 'Desk' });
    fireEvent.change(within(desk).getByLabelText(/^Wrap-up time/), { target: { value: '99999' } });
    fireEvent.change(within(desk).getByLabelText(/^Customer record link/), { target: { value: 'http://crm.example.com/{id}' } });
    fireEvent.change(within(desk).getByLabelText(/^Caller fields/), { target: { value: 'Account account_id' } });
    await act(async () => fireEvent.click(within(desk).getByRole('button', { name: 'Save desk settings' })));
    expect(calls.filter((c) => c.method === 'saveDeskSettings')).toEqual([]);
    const summary = within(desk).getByRole('alert');
    expect(summary.textContent).toMatch(/Fix these 3 things/);
    expect(summary.textContent).toMatch(/at most 3,600 seconds/);
    expect(summary.textContent).toMatch(/https:\/\//);
    expect(summary.textContent).toMatch(/Label = attribute/);
  });
});
