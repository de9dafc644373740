import { beforeEach, describe, expect, it } from 'vitest';
import { createTask, useTestEmulator, workspaceOf } from '../test-support/index';

// Nobody available: the 60 tasks stay pending and the list is stable.
const env = useTestEmulator({ workers: 2 }, { onlyAvailable: [] });
let taskSids: string[];

const taskCount = 60;
const pageSize = 25;

beforeEach(async () => {
  taskSids = [];
  for (let i = 0; i < taskCount; i += 1) taskSids.push(await createTask(env, { type: 'pagination', n: i }));
});

describe('pagination by following next_page_url', () => {
  it('.page() then nextPage() walks 25 + 25 + 10 and stops', async () => {
    const first = await workspaceOf(env).tasks.page({ pageSize });
    expect(first.instances).toHaveLength(25);
    const second = await first.nextPage();
    expect(second?.instances).toHaveLength(25);
    const third = await second!.nextPage();
    expect(third?.instances).toHaveLength(10);
    expect(await third!.nextPage()).toBeUndefined();

    const seen = [...first.instances, ...second!.instances, ...third!.instances].map((t) => t.sid);
    expect(new Set(seen).size).toBe(taskCount);
    expect([...seen].sort()).toEqual([...taskSids].sort());

    // Pages after the first were fetched from next_page_url verbatim: absolute, on the emulator's own origin.
    const followed = env.exchanges().filter((e) => !e.rewritten);
    expect(followed).toHaveLength(2);
    for (const exchange of followed) {
      expect(exchange.url.startsWith(`${env.ready.url}/v1/Workspaces/${env.ready.workspaceSid}/Tasks?`)).toBe(true);
      expect(exchange.status).toBe(200);
    }
  });

  it('.list() and .each() return every task exactly once', async () => {
    const listed = await workspaceOf(env).tasks.list({ pageSize });
    expect(listed.map((t) => t.sid).sort()).toEqual([...taskSids].sort());

    const eachSids: string[] = [];
    await new Promise<void>((resolve, reject) => {
      workspaceOf(env).tasks.each({ pageSize, done: (error?: Error) => (error ? reject(error) : resolve()) }, (task) => {
        eachSids.push(task.sid);
      });
    });
    expect(eachSids.sort()).toEqual([...taskSids].sort());
  });

  it('limit stops early without over-fetching pages', async () => {
    const limited = await workspaceOf(env).tasks.list({ pageSize, limit: 30 });
    expect(limited).toHaveLength(30);
    expect(new Set(limited.map((t) => t.sid)).size).toBe(30);
  });

  it('meta describes the page: key, page, page_size, url, first/next/previous page urls', async () => {
    const base = `${env.ready.url}/v1/Workspaces/${env.ready.workspaceSid}/Tasks`;
    const response = await env.twilioFetch(`${base}?PageSize=${pageSize}`);
    expect(response.status).toBe(200);
    const body = response.body as { tasks: unknown[]; meta: Record<string, unknown> };
    expect(body.tasks).toHaveLength(25);
    expect(body.meta).toMatchObject({ key: 'tasks', page: 0, page_size: 25, previous_page_url: null });
    expect(String(body.meta.url).startsWith(base)).toBe(true);
    expect(String(body.meta.first_page_url).startsWith(base)).toBe(true);
    expect(String(body.meta.next_page_url).startsWith(base)).toBe(true);

    const next = await env.twilioFetch(String(body.meta.next_page_url));
    const nextBody = next.body as { meta: Record<string, unknown> };
    expect(nextBody.meta.page).toBe(1);
    expect(String(nextBody.meta.previous_page_url).startsWith(base)).toBe(true);
  });
});
