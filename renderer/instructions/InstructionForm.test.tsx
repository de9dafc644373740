import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { conferenceOptions } from '../../shared/instructions';
import { makeReservation, makeWorker } from '../test-support/fixtures';
import { renderWithServices } from '../test-support/render';
import { Inbox } from '../inbox/Inbox';
import { fieldsOf } from './fields';

function openForm() {
  const view = renderWithServices(<Inbox />, (_m, input) => ({ ...makeReservation(), sid: (input as { reservationSid: string }).reservationSid, status: 'accepted', version: 9 }));
  const r = makeReservation();
  act(() => {
    view.store.getState().setWorker(makeWorker({ contactUri: 'client:alice' }));
    view.store.getState().upsertReservation(r);
  });
  fireEvent.click(screen.getByRole('button', { name: /^Instructions/ }));
  return { ...view, r };
}

describe('instruction form', () => {
  it('has a field for every parameter of each instruction schema', () => {
    expect(fieldsOf('conference').map((f) => f.name)).toEqual(Object.keys(conferenceOptions.shape));
    expect(fieldsOf('dequeue').find((f) => f.name === 'from')?.required).toBe(true);
    expect(fieldsOf('conference').find((f) => f.name === 'statusCallbackEvent')?.choices).toEqual(['initiated', 'ringing', 'answered', 'completed']);
  });

  it('blocks sending and says what is wrong when input is invalid', async () => {
    const { calls } = openForm();
    fireEvent.click(screen.getByRole('radio', { name: 'Dequeue' }));
    fireEvent.change(screen.getByLabelText(/^From/), { target: { value: 'not a number' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send Dequeue' })));
    expect(calls).toEqual([]);
    expect(screen.getByText(/Enter a phone number like \+14155550100/)).toBeTruthy();
    expect(screen.getByLabelText(/^From/).getAttribute('aria-invalid')).toBe('true');
  });

  it('sends exactly the parameters entered, typed, with defaults prefilled', async () => {
    const { calls, r } = openForm();
    fireEvent.click(screen.getByRole('radio', { name: 'Dequeue' }));
    expect((screen.getByLabelText(/^From/) as HTMLInputElement).value).toBe('+14155550100');
    expect((screen.getByLabelText(/^To/) as HTMLInputElement).value).toBe('client:alice');
    fireEvent.change(screen.getByLabelText(/^Timeout/), { target: { value: '20' } });
    fireEvent.change(screen.getByLabelText(/^Record/), { target: { value: 'record-from-answer' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send Dequeue' })));
    expect(calls).toEqual([
      { method: 'dequeueReservation', input: { reservationSid: r.sid, options: { from: '+14155550100', to: 'client:alice', timeout: 20, record: 'record-from-answer' } } },
    ]);
  });
});
