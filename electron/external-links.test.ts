import { describe, expect, it } from 'vitest';
import { openExternalSafely } from './external-links';

const recordingShell = () => {
  const opened: string[] = [];
  return { opened, shell: { openExternal: async (url: string) => void opened.push(url) } };
};

describe('opening customer records in the system browser', () => {
  it('opens an https address', async () => {
    const { opened, shell } = recordingShell();
    await openExternalSafely(shell, 'https://crm.example.com/customers/42?from=%2B1415');
    expect(opened).toEqual(['https://crm.example.com/customers/42?from=%2B1415']);
  });

  it.each([
    'http://crm.example.com/customers/42',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ms-settings:privacy',
    'https://user:pass@crm.example.com/',
    'https://crm.example.com/{customer_id}',
    'data:text/html,<script>alert(1)</script>',
    '   ',
  ])('refuses %s and opens nothing', async (url) => {
    const { opened, shell } = recordingShell();
    await expect(openExternalSafely(shell, url)).rejects.toThrow(/https/);
    expect(opened).toEqual([]);
  });
});
