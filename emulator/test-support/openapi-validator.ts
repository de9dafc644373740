import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { toJsonSchema } from './openapi-schema';
import { specFiles } from './spec-paths';

/** One response that did not match the spec, kept so a test can print all of them. */
export interface SpecViolation {
  method: string;
  path: string;
  status: number;
  problem: string;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments win over {Params}: "/Workers/Statistics" before "/Workers/{Sid}". */
  paramCount: number;
  validators: Map<number, ValidateFunction | 'no-content'>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, unknown>;
}

/** Twilio's error body; the specs do not declare error responses, so this is from Twilio's docs. */
const twilioErrorSchema = {
  type: 'object',
  required: ['code', 'message', 'more_info', 'status'],
  properties: {
    code: { type: 'integer' },
    message: { type: 'string', minLength: 1 },
    more_info: { type: 'string', format: 'uri' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
  },
} as const;

const httpMethods = ['get', 'post', 'put', 'delete', 'patch'];

/**
 * Validates response bodies against Twilio's OpenAPI specs (TaskRouter v1 and API 2010),
 * matching method + path to the operation and the HTTP status to its declared response.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly validateError: ValidateFunction;

  constructor(options: { requireAllProperties?: boolean } = {}) {
    const requireAllProperties = options.requireAllProperties ?? true;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats.default(this.ajv, ['date-time', 'date', 'uri-reference']);
    // Twilio's specs say "uri" for relative URIs too (API 2010's `uri`, `first_page_uri`: the
    // specs' own examples are relative), so "uri" is checked as a URI reference.
    this.ajv.addFormat('uri', addFormats.get('uri-reference'));
    this.ajv.addFormat('date-time-rfc-2822', { type: 'string', validate: isRfc2822Date });
    this.ajv.addFormat('http-method', /^(GET|POST|PUT|DELETE|HEAD|PATCH)$/);
    // Twilio-specific formats that only describe meaning (not syntax) are accepted as is.
    for (const name of ['phone-number', 'phone-number-capabilities', 'int32', 'int64', 'twiml', 'endpoint', 'ice-server', 'currency', 'uri-map', 'iso-country-code']) {
      this.ajv.addFormat(name, true);
    }
    this.validateError = this.ajv.compile(twilioErrorSchema);
    for (const [id, file] of Object.entries(specFiles)) {
      const spec = JSON.parse(readSpec(file)) as OpenApiDocument;
      const refBase = `${id}.json`;
      this.ajv.addSchema({ $id: refBase, components: toJsonSchema(spec.components, { refBase, requireAllProperties }) });
      for (const [template, pathItem] of Object.entries(spec.paths)) {
        for (const method of httpMethods) {
          const operation = pathItem[method] as { responses?: Record<string, unknown> } | undefined;
          if (!operation?.responses) continue;
          this.operations.push(this.buildOperation(method, template, operation.responses, refBase, requireAllProperties));
        }
      }
    }
    this.operations.sort((a, b) => a.paramCount - b.paramCount);
  }

  private buildOperation(method: string, template: string, responses: Record<string, unknown>, refBase: string, requireAllProperties: boolean): Operation {
    const validators = new Map<number, ValidateFunction | 'no-content'>();
    for (const [code, response] of Object.entries(responses)) {
      const schema = (response as { content?: Record<string, { schema?: unknown }> }).content?.['application/json']?.schema;
      validators.set(Number(code), schema ? this.ajv.compile(toJsonSchema(schema, { refBase, requireAllProperties }) as object) : 'no-content');
    }
    // "{CallSid}.json" is a parameter followed by a literal suffix, so split on parameters, not segments.
    const source = template
      .split(/(\{\w+\})/)
      .map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return { method, template, pattern: new RegExp(`^${source}$`), paramCount: (template.match(/\{/g) ?? []).length, validators };
  }

  /** The spec's path template for a request, or undefined when the spec has no such operation. */
  findOperation(method: string, pathname: string): string | undefined {
    return this.match(method, pathname)?.template;
  }

  private match(method: string, pathname: string): Operation | undefined {
    const lower = method.toLowerCase();
    return this.operations.find((op) => op.method === lower && op.pattern.test(pathname));
  }

  /** Checks one response; returns undefined when it conforms. */
  validate(response: { method: string; url: string; status: number; body: unknown }): SpecViolation | undefined {
    const pathname = new URL(response.url).pathname;
    const base = { method: response.method.toUpperCase(), path: pathname, status: response.status };
    if (response.status >= 400) {
      if (this.validateError(response.body) && (response.body as { status: number }).status === response.status) return undefined;
      return { ...base, problem: `error body is not Twilio-shaped (status must equal HTTP ${response.status}): ${JSON.stringify(response.body)} ${this.ajv.errorsText(this.validateError.errors)}` };
    }
    const operation = this.match(response.method, pathname);
    if (!operation) return { ...base, problem: 'no operation in the OpenAPI specs matches this method and path' };
    const validator = operation.validators.get(response.status);
    if (!validator) return { ...base, problem: `status ${response.status} is not declared for ${operation.template} (declared: ${[...operation.validators.keys()].join(', ')})` };
    if (validator === 'no-content') {
      return isEmptyBody(response.body) ? undefined : { ...base, problem: 'the spec declares no content but the response has a body' };
    }
    if (validator(response.body)) return undefined;
    return { ...base, problem: this.ajv.errorsText(validator.errors, { separator: '; ', dataVar: 'body' }) };
  }
}

function readSpec(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Twilio's OpenAPI spec is missing at ${file}: they come from the pinned devDependency @twilio-alpha/mcp; run npm install (${(error as Error).message})`);
  }
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '';
}

/** RFC 2822 dates as Twilio writes them: "Thu, 01 Jan 2015 00:00:00 +0000". */
function isRfc2822Date(value: string): boolean {
  return /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/.test(value) && !Number.isNaN(Date.parse(value));
}

let shared: OpenApiValidator | undefined;

/** Compiling both specs takes a moment; tests in one worker share one validator. */
export function sharedOpenApiValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator();
  return shared;
}
