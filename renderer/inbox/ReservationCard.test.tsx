import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { err } from '../../shared/result';
import { ACTIVITIES, makeReservation, makeSettings, makeWorker } from '../test-support/fixtures';
import { renderWithServices } from '../test-support/render';
import { Inbox } from './Inbox';

const HOSTILE = '<img src=x onerror="alert(1)"><b>Mallory</b><script>alert(2)</script>';

describe('reservation cards', () => {
  it('renders a caller name full of markup as text and names the article after it', () => {
    const { store, container } = renderWithServices(<Inbox />);
    act(() => store.getState().upsertReservation(makeReservation({ callerName: HOSTILE, topic: '<i>topic</i>' })));
    const region = screen.getByRole('region', { name: 'Reservations' });
    const article = within(region).getByRole('article');
    expect(article.getAttribute('aria-labelledby')).toBeTruthy();
    expect(within(article).getByRole('heading').textContent).toBe(HOSTILE);
    expect(container.querySelector('img, script, b, i')).toBeNull();
    expect(screen.getByText('<i>topic</i>')).toBeTruthy();
  });

  it('offers Accept and Reject buttons named after the caller, a timer and the status', () => {
    const { store } = renderWithServices(<Inbox />);
    act(() => store.getState().upsertReservation(makeReservation({ callerName: 'Dana Smith' })));
    expect(screen.getByRole('button', { name: /^Accept call from Dana Smith/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Reject call from Dana Smith/ })).toBeTruthy();
    expect(screen.getByRole('timer').textContent).toMatch(/^0:(29|30)$/);
    expect(screen.getByText('Offered to you')).toBeTruthy();
  });

  it('an answer on its way shows on its card however it was sent (here a shortcut): "Accepting…", buttons at rest, until it lands', async () => {
    let land: () => void = () => undefined;
    const r = makeReservation({ callerName: 'Dana Smith' });
    const { store, services } = renderWithServices(<Inbox />, () => new Promise((resolve) => (land = () => resolve({ ...r, status: 'accepted', version: r.version + 1 }))));
    act(() => store.getState().upsertReservation(r));
    act(() => void services.actions.accept(r.sid));
    expect(screen.getByText('Accepting…')).toBeTruthy();
    expect(screen.getByRole('article').getAttribute('aria-busy')).toBe('true');
    expect((screen.getByRole('button', { name: /^Accept call from Dana Smith/ }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: /^Reject call from Dana Smith/ }) as HTMLButtonElement).disabled).toBe(true);
    // TaskRouter's push says accepted before the answer to the request is back: the card says what TaskRouter says.
    act(() => store.getState().upsertReservation({ ...r, status: 'accepted', version: r.version + 1 }));
    expect(screen.queryByText('Accepting…')).toBeNull();
    await act(async () => land());
    expect(screen.getByRole('article').getAttribute('aria-busy')).toBeNull();
    expect(screen.getByRole('button', { name: /^Wrap up Dana Smith/ })).toBeTruthy();
  });

  it('a reservation its assignment server or an instruction handles is no offer: no Accept, Reject or countdown, and says what happens', () => {
    const { store } = renderWithServices(<Inbox />);
    const r = makeReservation({ callerName: 'Cora Callback' });
    act(() => store.getState().upsertReservation({ ...r, assignment: 'assigning' }));
    expect(screen.getByText('Being assigned')).toBeTruthy();
    expect(screen.queryByText('Offered to you')).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Accept|Reject)/ })).toBeNull();
    expect(screen.queryByRole('timer')).toBeNull();

    act(() => store.getState().upsertReservation({ ...r, assignment: 'calling', version: r.version + 1 }));
    expect(screen.getByText('Calling you')).toBeTruthy();
    expect(screen.getByText('TaskRouter is calling your phone for this task. Answer the call to take it.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^(Accept|Reject)/ })).toBeNull();
    expect(screen.queryByRole('timer')).toBeNull();

    // The call ended without TaskRouter accepting: the agent decides again.
    act(() => store.getState().upsertReservation({ ...r, assignment: 'offer', version: r.version + 2 }));
    expect(screen.getByText('Offered to you')).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Accept call from Cora Callback/ })).toBeTruthy();
  });

  it('rejects with the chosen activity from "Reject, then…", which lists neither the current activity nor a system one', async () => {
    const { store, calls } = renderWithServices(<Inbox />, (_m, input) => ({ ...makeReservation(), ...(input as object), status: 'rejected', version: 2 }));
    const r = makeReservation({ callerName: 'Dana Smith' });
    act(() => {
      store.getState().setActivities(ACTIVITIES);
      store.getState().setWorker(makeWorker());
      store.getState().setWorkspace({ sid: 'WS1', timeoutActivitySid: ACTIVITIES[2]!.sid, defaultActivitySid: ACTIVITIES[0]!.sid });
      store.getState().upsertReservation(r);
    });
    // Closed, the card holds no list of activities.
    expect(screen.queryByRole('group', { name: /^Reject Dana Smith, then go to/ })).toBeNull();
    const toggle = screen.getByRole('button', { name: /^Reject, then… choose an activity after rejecting Dana Smith/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const choices = screen.getByRole('group', { name: 'Reject Dana Smith, then go to' });
    expect(within(choices).getAllByRole('button').map((b) => b.textContent)).toEqual(['Reject Dana Smith, then Offline']);
    // Escape closes it and gives focus back to the toggle.
    fireEvent.keyDown(choices, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: /then go to/ })).toBeNull();
    expect(document.activeElement).toBe(toggle);
    fireEvent.click(toggle);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reject Dana Smith, then Offline' })));
    expect(calls).toEqual([{ method: 'rejectReservation', input: { reservationSid: r.sid, activitySid: ACTIVITIES[1]!.sid } }]);
  });

  it('shows a host error next to the button that caused it, in words an agent can act on', async () => {
    const { store } = renderWithServices(<Inbox />, () => err('reservation_expired', 'Twilio said 410'));
    act(() => store.getState().upsertReservation(makeReservation()));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Accept/ })));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('This offer timed out before your answer reached TaskRouter.');
    expect(alert.closest('.action-group')?.querySelector('button.accept')).toBeTruthy();
  });

  it('accepts with the Conference instruction on the contact URI when that is the default, ending the conference when the customer leaves', async () => {
    const { store, calls } = renderWithServices(<Inbox />);
    const r = makeReservation();
    act(() => {
      store.getState().setWorker(makeWorker({ contactUri: 'client:alice' }));
      store.getState().setSettings(makeSettings({ defaultInstruction: 'conference' }));
      store.getState().upsertReservation(r);
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Accept/ })));
    expect(calls).toEqual([{ method: 'conferenceReservation', input: { reservationSid: r.sid, options: { endConferenceOnCustomerExit: true, to: 'client:alice' } } }]);
  });

  it('lists several pending offers with the least time left first', () => {
    const { store } = renderWithServices(<Inbox />);
    act(() => {
      store.getState().upsertReservation(makeReservation({ callerName: 'Later', expiresAt: Date.now() + 28_000 }));
      store.getState().upsertReservation(makeReservation({ callerName: 'Sooner', expiresAt: Date.now() + 8_000 }));
    });
    expect(screen.getAllByRole('article').map((a) => within(a).getByRole('heading').textContent)).toEqual(['Sooner', 'Later']);
  });
});

describe('cards of tasks in progress', () => {
  it('show talk time (not "waiting"), offer Wrap up while the call is live and Complete only once wrapping', () => {
    const { store } = renderWithServices(<Inbox />);
    const r = makeReservation({ status: 'accepted', callerName: 'Talk Caller' });
    act(() => store.getState().upsertReservation(r));
    const article = screen.getByRole('article');
    expect(within(article).queryByText(/^waiting/)).toBeNull();
    expect(within(article).getByText(/^Talk time/)).toBeTruthy();
    expect(within(article).getByRole('button', { name: /^Wrap up/ })).toBeTruthy();
    expect(within(article).queryByRole('button', { name: /^Complete/ })).toBeNull();
    act(() => store.getState().upsertReservation({ ...r, version: 2, status: 'wrapping' }));
    expect(within(screen.getByRole('article')).getByRole('button', { name: /^Complete/ }).className).toContain('primary');
  });

  it('leave the live list once ended: the history has them', () => {
    const { store } = renderWithServices(<Inbox />);
    const r = makeReservation();
    act(() => store.getState().upsertReservation(r));
    act(() => store.getState().upsertReservation({ ...r, version: 2, status: 'canceled', endedAt: Date.now() }));
    expect(screen.queryByRole('article')).toBeNull();
  });
});
