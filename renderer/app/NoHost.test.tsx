import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NoHost } from './NoHost';

afterEach(cleanup);

describe('NoHost', () => {
  it('tells an agent whose secret was refused what to do: reopen the printed address or restart', () => {
    render(<NoHost reason="refused" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/no longer connected/);
    expect(alert.textContent).toMatch(/will not retry/);
    expect(alert.textContent).toMatch(/npm start/);
    expect(alert.textContent).toMatch(/#secret=/);
  });

  it('asks for the printed address when the page has no secret at all', () => {
    render(<NoHost reason="missing" />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/ends with #secret=/)).toBeTruthy();
  });
});
