import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { conferenceOptions } from '../../shared/instructions';
import { err } from '../../shared/result';
import { TaskDetail } from '../detail/TaskDetail';
import { Inbox } from '../inbox/Inbox';
import { makeReservation, makeWorker } from '../test-support/fixtures';
import { renderWithServices } from '../test-support/render';
import { fieldsOf } from './fields';

function openForm(answer?: Parameters<typeof renderWithServices>[1]) {
  const view = renderWithServices(
    <>
      <Inbox />
      <TaskDetail />
    </>,
    answer ?? ((m, input) => (m.endsWith('Reservation') ? { ...makeReservation(), sid: (input as { reservationSid: string }).reservationSid, status: 'accepted', version: 9 } : { matchedOn: null, contacts: [] })),
  );
  const r = makeReservation();
  act(() => {
    view.store.getState().setWorker(makeWorker({ contactUri: 'client:alice' }));
    view.store.getState().upsertReservation(r);
  });
  fireEvent.click(within(screen.getByRole('article')).getByRole('button', { name: /^Instructions/ }));
  const form = screen.getByRole('form', { name: /^Instruction for/ });
  return { ...view, r, form };
}

describe('instruction form', () => {
  it('has a field for every parameter of each instruction schema, the common ones first', () => {
    expect(fieldsOf('conference').map((f) => f.name).sort()).toEqual(Object.keys(conferenceOptions.shape).sort());
    expect(fieldsOf('conference').filter((f) => f.common).map((f) => f.name)).toEqual(['to', 'from', 'timeout']);
    expect(fieldsOf('call').filter((f) => f.common).map((f) => f.name)).toEqual(['url', 'to', 'from', 'accept']);
    expect(fieldsOf('dequeue').find((f) => f.name === 'from')?.required).toBe(true);
    expect(fieldsOf('conference').find((f) => f.name === 'statusCallbackEvent')?.choices).toEqual(['initiated', 'ringing', 'answered', 'completed']);
  });

  it('flags every invalid field at once, sends nothing, and clears each error as soon as its field is fixed', async () => {
    const { calls, form } = openForm();
    fireEvent.click(within(form).getByRole('radio', { name: 'Call' }));
    fireEvent.change(within(form).getByLabelText(/^From/), { target: { value: 'not a number' } });
    fireEvent.change(within(form).getByLabelText(/^URL/), { target: { value: 'ftp://example.com/x' } });
    fireEvent.change(within(form).getByLabelText(/^Timeout/), { target: { value: '1.5' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Send Call' })));
    expect(calls.filter((c) => c.method.endsWith('Reservation'))).toEqual([]);
    expect(within(form).getByLabelText(/^From/).getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText(/^URL/).getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByLabelText(/^Timeout/).getAttribute('aria-invalid')).toBe('true');
    const summary = within(form).getByRole('alert');
    expect(summary.textContent).toMatch(/Fix these 3 things/);
    expect(summary.textContent).toMatch(/Timeout \(seconds of ringing\): Enter a whole number of seconds/);
    expect(summary.textContent).not.toMatch(/wrong type|expected|Too big|Invalid input/);
    fireEvent.change(within(form).getByLabelText(/^From/), { target: { value: '+14155550111' } });
    expect(within(form).getByLabelText(/^From/).getAttribute('aria-invalid')).toBeNull();
    expect(within(form).getByLabelText(/^URL/).getAttribute('aria-invalid')).toBe('true');
  });

  it('attaches a refusal from the host to its field', async () => {
    const { form } = openForm((m) => (m === 'dequeueReservation' ? err('invalid_input', 'The host refuses this caller ID', { field: 'from' }) : { matchedOn: null, contacts: [] }));
    fireEvent.click(within(form).getByRole('radio', { name: 'Dequeue' }));
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Send Dequeue' })));
    expect(within(form).getByLabelText(/^From/).getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getByText('The host refuses this caller ID', { selector: '.field-error' })).toBeTruthy();
  });

  it('sends exactly the parameters entered, typed, with defaults prefilled, and the card then says what is happening', async () => {
    const { calls, r, form } = openForm();
    fireEvent.click(within(form).getByRole('radio', { name: 'Dequeue' }));
    expect((within(form).getByLabelText(/^From/) as HTMLInputElement).value).toBe('+14155550100');
    expect((within(form).getByLabelText(/^To/) as HTMLInputElement).value).toBe('client:alice');
    fireEvent.change(within(form).getByLabelText(/^Timeout/), { target: { value: '20' } });
    fireEvent.change(within(form).getByLabelText(/^Record/), { target: { value: 'record-from-answer' } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Send Dequeue' })));
    expect(calls.filter((c) => c.method.endsWith('Reservation'))).toEqual([
      { method: 'dequeueReservation', input: { reservationSid: r.sid, options: { from: '+14155550100', to: 'client:alice', timeout: 20, record: 'record-from-answer' } } },
    ]);
    expect(screen.getByText('Dialing you at client:alice to connect the waiting caller.')).toBeTruthy();
  });
});
