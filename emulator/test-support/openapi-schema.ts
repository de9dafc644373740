/**
 * Turns OpenAPI 3.0 schema fragments into plain JSON Schema that ajv understands.
 * OpenAPI 3.0 says "nullable: true" instead of listing "null" as a type, and its
 * $refs point into the spec document; both are rewritten here.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ConvertOptions {
  /** Prefix put before "#/components/..." so refs resolve against a registered document. */
  refBase: string;
  /**
   * Twilio always serialises every declared property (absent values are null), so a
   * missing property is a real difference from the wire format. When true, every
   * declared property of an object schema becomes required.
   */
  requireAllProperties: boolean;
}

export function toJsonSchema(node: unknown, options: ConvertOptions): Json {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, options));
  if (node === null || typeof node !== 'object') return node as Json;
  const source = node as Record<string, unknown>;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
      out.$ref = `${options.refBase}${value}`;
      continue;
    }
    // "properties" maps names to schemas (it is not a schema itself): convert its values only.
    // Twilio's generator drops `nullable` where a property refers to a shared enum, yet the
    // specs' own examples carry null there (e.g. a conference's reason_conference_ended while
    // it is in progress), so a property that is only an enum $ref also accepts null.
    if (key === 'properties' && value && typeof value === 'object') {
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, schema]) => [name, toJsonSchema(isEnumRef(schema) ? { ...schema, nullable: true } : schema, options)]),
      );
      continue;
    }
    out[key] = toJsonSchema(value, options);
  }
  if (source.nullable === true) makeNullable(out);
  if (options.requireAllProperties && out.properties && typeof out.properties === 'object' && !Array.isArray(out.properties)) {
    out.required = Object.keys(out.properties);
  }
  return out;
}

function isEnumRef(schema: unknown): schema is { $ref: string } {
  return typeof schema === 'object' && schema !== null && typeof (schema as { $ref?: unknown }).$ref === 'string' && /_enum_/.test((schema as { $ref: string }).$ref);
}

function makeNullable(schema: Record<string, Json>): void {
  if (typeof schema.type === 'string') schema.type = [schema.type, 'null'];
  else if (Array.isArray(schema.type) && !schema.type.includes('null')) schema.type = [...schema.type, 'null'];
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (schema.$ref !== undefined) {
    // A nullable $ref: allow null beside the referenced schema.
    const ref = schema.$ref;
    delete schema.$ref;
    schema.anyOf = [{ $ref: ref }, { type: 'null' }];
  }
}
