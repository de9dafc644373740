import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { capAnnouncement, MAX_ANNOUNCEMENT } from '../app/Announcer';
import { MissedBanner } from '../inbox/MissedBanner';
import { makeReservation, makeSettings, makeWorker } from '../test-support/fixtures';
import { renderWithServices } from '../test-support/render';
import { fillTemplate } from './attribute-path';
import { TaskDetail } from './TaskDetail';

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

describe('task detail', () => {
  it('shows the mapped caller fields, the facts as separate clocks, and every attribute as text only, capped in depth', async () => {
    let deep: Record<string, unknown> = { bottom: HOSTILE };
    for (let i = 0; i < 50; i++) deep = { level: deep };
    const r = makeReservation({ status: 'accepted', task: { ...makeReservation().task, channel: 'sms', priority: 5, attributes: { caller_name: 'Dana', account_id: 'A-1', nested: deep, [HOSTILE]: HOSTILE } } });
    const { store, container } = renderWithServices(<TaskDetail />, () => ({ matchedOn: null, contacts: [] }));
    await act(async () => {
      store.getState().setSettings(makeSettings());
      store.getState().upsertReservation(r);
    });
    const detail = screen.getByRole('region', { name: 'Task detail' });
    const terms = within(detail).getAllByRole('term').map((t) => t.textContent);
    expect(terms).toEqual(expect.arrayContaining(['Name', 'Account', 'Queue', 'Channel', 'Priority', 'Age', 'Handling']));
    expect(within(detail).getByText('SMS')).toBeTruthy();
    fireEvent.click(within(detail).getByText(/^All task attributes/));
    expect(container.querySelector('img, script')).toBeNull();
    expect(within(detail).getAllByText(HOSTILE).length).toBeGreaterThan(0);
    // Depth is capped: the 50-level object ends in one line of text, not 50 nested lists.
    expect(container.querySelectorAll('.attribute-list .attribute-list .attribute-list .attribute-list .attribute-list .attribute-list .attribute-list .attribute-list').length).toBe(0);
  });

  it('says, like the card, that an answer to its offer is on its way', async () => {
    const r = makeReservation({ callerName: 'Dana' });
    const { store } = renderWithServices(<TaskDetail />, () => ({ matchedOn: null, contacts: [] }));
    await act(async () => {
      store.getState().upsertReservation(r);
      store.getState().select(r.sid);
    });
    const detail = screen.getByRole('region', { name: 'Task detail' });
    expect(within(detail).getByText('Offered to you')).toBeTruthy();
    act(() => store.getState().startAnswer(r.sid, 'reject'));
    expect(within(detail).getByText('Rejecting…')).toBeTruthy();
  });

  it('fills the customer link template from the attributes, URL-encoded, or says what is missing', () => {
    expect(fillTemplate('https://crm.example.com/c/{account_id}?q={from}', { account_id: 'a/b?c', from: '+1 415' })).toEqual({ url: 'https://crm.example.com/c/a%2Fb%3Fc?q=%2B1%20415' });
    expect(fillTemplate('https://crm.example.com/c/{customer.id}', { customer: {} })).toEqual({ missing: 'customer.id' });
  });
});

describe('smaller items', () => {
  it('caps the new-offer announcement at a word boundary', () => {
    const text = `New offer from Dana: ${'very long reason '.repeat(20)}`;
    const capped = capAnnouncement(text);
    expect(capped.length).toBeLessThanOrEqual(MAX_ANNOUNCEMENT);
    expect(capped.endsWith('…')).toBe(true);
    expect(capAnnouncement('New offer from Dana.')).toBe('New offer from Dana.');
  });

  it('offers "I\'m back" only while the agent is not available', () => {
    localStorage.clear();
    const { store } = renderWithServices(<MissedBanner />);
    act(() => {
      store.getState().setWorker(makeWorker({ available: true, activityName: 'Available' }));
      store.getState().upsertReservation(makeReservation({ status: 'timeout', endedAt: Date.now() }));
    });
    expect(screen.getByText('You missed an offer.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /I.m back/ })).toBeNull();
    act(() => store.getState().setWorker(makeWorker({ available: false, activityName: 'Missed' })));
    expect(screen.getByRole('button', { name: /I.m back/ })).toBeTruthy();
  });
});
