import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedOpenApiValidator } from '../test-support/openapi-validator';
import { specFiles } from '../test-support/spec-paths';

// The validator is what makes "every response matches the spec" meaningful, so it is
// tested on its own: it must accept Twilio's documented shapes and catch deviations.

const hex = (c: string) => c.repeat(32);
const origin = 'http://127.0.0.1:4000';
const reservationUrl = `${origin}/v1/Workspaces/WS${hex('a')}/Workers/WK${hex('b')}/Reservations/WR${hex('c')}`;
const reservation = {
  account_sid: `AC${hex('d')}`,
  date_created: '2014-05-14T10:50:02Z',
  date_updated: '2014-05-15T16:03:42Z',
  links: { task: `${origin}/t`, worker: `${origin}/w`, workspace: `${origin}/ws` },
  reservation_status: 'pending',
  sid: `WR${hex('c')}`,
  task_sid: `WT${hex('e')}`,
  url: reservationUrl,
  worker_name: 'Alice',
  worker_sid: `WK${hex('b')}`,
  workspace_sid: `WS${hex('a')}`,
};

describe('OpenApiValidator', () => {
  const validator = sharedOpenApiValidator();

  it('accepts a documented reservation', () => {
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 200, body: reservation })).toBeUndefined();
  });

  it('catches an unknown enum value, a malformed SID, a bad date, and a missing property', () => {
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 200, body: { ...reservation, reservation_status: 'sleeping' } })?.problem).toMatch(/reservation_status/);
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 200, body: { ...reservation, sid: 'WR123' } })?.problem).toMatch(/sid/);
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 200, body: { ...reservation, date_created: 'yesterday' } })?.problem).toMatch(/date_created/);
    const { worker_name: _omitted, ...missing } = reservation;
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 200, body: missing })?.problem).toMatch(/worker_name/);
  });

  it('accepts null for nullable properties (OpenAPI 3.0 nullable)', () => {
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 200, body: { ...reservation, worker_name: null } })).toBeUndefined();
  });

  it('checks list pages, including meta', () => {
    const listUrl = `${origin}/v1/Workspaces/WS${hex('a')}/Workers/WK${hex('b')}/Reservations`;
    const meta = { first_page_url: `${listUrl}?PageSize=50&Page=0`, key: 'reservations', next_page_url: null, page: 0, page_size: 50, previous_page_url: null, url: `${listUrl}?PageSize=50&Page=0` };
    expect(validator.validate({ method: 'get', url: listUrl, status: 200, body: { reservations: [reservation], meta } })).toBeUndefined();
    expect(validator.validate({ method: 'get', url: listUrl, status: 200, body: { reservations: [reservation], meta: { ...meta, page: '0' } } })?.problem).toMatch(/page/);
    expect(validator.validate({ method: 'get', url: listUrl, status: 200, body: { reservations: [reservation] } })?.problem).toMatch(/meta/);
  });

  it('flags a status the operation does not declare and a path the specs do not have', () => {
    expect(validator.validate({ method: 'post', url: reservationUrl, status: 201, body: reservation })?.problem).toMatch(/not declared/);
    expect(validator.validate({ method: 'get', url: `${origin}/v1/Nowhere`, status: 200, body: {} })?.problem).toMatch(/no operation/);
  });

  it('matches API 2010 paths with a parameter before ".json"', () => {
    const path = `/2010-04-01/Accounts/AC${hex('d')}/Conferences/CF${hex('1')}/Participants/CA${hex('2')}.json`;
    expect(validator.findOperation('get', path)).toBe('/2010-04-01/Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants/{CallSid}.json');
    expect(validator.findOperation('get', `/v1/Workspaces/WS${hex('a')}/Workers/Statistics`)).toBe('/v1/Workspaces/{WorkspaceSid}/Workers/Statistics');
  });

  it('requires Twilio-shaped error bodies whose status equals the HTTP status', () => {
    const error = { code: 20404, message: 'Not found', more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 };
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 404, body: error })).toBeUndefined();
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 400, body: error })?.problem).toMatch(/Twilio-shaped/);
    expect(validator.validate({ method: 'get', url: reservationUrl, status: 404, body: { error: 'Not Found', statusCode: 404 } })?.problem).toMatch(/Twilio-shaped/);
  });

  it("accepts the specs' own response examples for every resource the emulator serves", () => {
    // Guards the OpenAPI → JSON Schema conversion: if Twilio's examples fail, the validator is wrong, not the emulator.
    const served = /^\/v1\/Workspaces|^\/2010-04-01\/Accounts\/\{AccountSid\}\/(Calls(\/\{Sid\})?|Conferences(\/\{Sid\}|\/\{ConferenceSid\}\/Participants(\/\{CallSid\})?)?)\.json$/;
    const failures: string[] = [];
    let checked = 0;
    for (const file of Object.values(specFiles)) {
      const spec = JSON.parse(readFileSync(file, 'utf8')) as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }> }>> };
      for (const [template, item] of Object.entries(spec.paths)) {
        if (!served.test(template)) continue;
        for (const [method, operation] of Object.entries(item)) {
          for (const [status, response] of Object.entries(operation?.responses ?? {})) {
            for (const [name, example] of Object.entries(response.content?.['application/json']?.examples ?? {})) {
              checked += 1;
              const url = `${origin}${template.replace(/\{\w+\}/g, 'X1')}`;
              const violation = validator.validate({ method, url, status: Number(status), body: example.value });
              if (violation) failures.push(`${method} ${template} ${name}: ${violation.problem}`);
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(70);
    expect(failures).toEqual([]);
  });
});
