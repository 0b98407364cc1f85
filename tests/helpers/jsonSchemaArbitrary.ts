/**
 * fast-check arbitraries from the JSON Schemas of the OpenAPI document (routeFuzz.test.ts): values
 * that fit a schema, mixed at every level with ids of real objects (so a request gets past "no
 * such meeting" into the handler) and with hostile values (huge strings, wrong types, unicode
 * oddities, negative and enormous numbers, path and SQL tricks).
 */
import fc from 'fast-check';

export type JsonSchema = { [key: string]: unknown };

export interface SchemaArbitraryOptions {
  /** Resolves a `$ref` of the document. */
  resolve(ref: string): JsonSchema;
  /** Real values for a property or parameter of this name (ids of meetings, users …), if any. */
  poolFor(name: string | undefined): readonly unknown[] | undefined;
  /** Mixed into every value at this weight against 8 for a fitting one; 0: none. */
  hostileWeight: number;
  hostile: fc.Arbitrary<unknown>;
}

const VIETNAMESE = [
  'Nguyễn Văn Ánh',
  'Họp giao ban chuyển đổi số',
  'Sở Thông tin và Truyền thông',
  'Điểm cầu xã Cẩm Giàng',
  'Báo cáo tiến độ',
  'Kết luận',
  'đ',
  'Ỹ',
];

/** Strings no request should make a server fail on. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFFx',
  '\u202Eabc',
  '\uFEFF',
  'e\u0301\u0301\u0301',
  '👨‍👩‍👧‍👦',
  '𝕏𝕐',
  'Nguyễn Văn Á',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f',
  '%00',
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '__proto__',
  'constructor',
  'toString',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x7fffffff',
  'null',
  'true',
  '[]',
  '{}',
  ' \t\r\n',
  'x'.repeat(65),
  'x'.repeat(5_000),
  'ậ'.repeat(20_000),
  'x'.repeat(300_000),
];

export const hostileNumbers: readonly number[] = [
  -1,
  -0,
  0,
  0.5,
  -2_147_483_649,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  1e308,
  -1e308,
  5e-324,
];

function deepNesting(depth: number): unknown {
  let value: unknown = 'đáy';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Hostile values of every JSON type, with `ids` (real objects of other meetings …) among them. */
export function hostileArbitrary(ids: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...hostileStrings) },
    { weight: 3, arbitrary: fc.constantFrom(...hostileNumbers) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 1, arbitrary: fc.integer({ max: -1 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, null, [], {}, [null]) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        deepNesting(300),
        JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"polluted":1}}}'),
        Array.from({ length: 2_000 }, (_, i) => i),
      ),
    },
    ...(ids.length ? [{ weight: 3, arbitrary: fc.constantFrom(...ids) }] : []),
  );
}

const isoInstant = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z') })
  .filter((d) => !Number.isNaN(d.getTime()))
  .chain((d) =>
    fc.constantFrom(
      d.toISOString(),
      `${new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`,
    ),
  );
const isoDay = isoInstant.map((s) => s.slice(0, 10));

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : minLength + 40;
  const format = schema.format;
  if (format === 'uuid') return fc.uuid({ version: 4 });
  if (format === 'email') return fc.emailAddress();
  if (format === 'date-time') return isoInstant;
  if (format === 'date') return isoDay;
  if (typeof schema.pattern === 'string') {
    if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
      return fc.oneof(isoDay, fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
    return fc.stringMatching(new RegExp(schema.pattern));
  }
  const cap = Math.min(maxLength, minLength + 40);
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength: cap }) },
    {
      weight: 2,
      arbitrary: fc
        .array(fc.constantFrom(...VIETNAMESE), { minLength: 1, maxLength: 4 })
        .map((words) => words.join(' '))
        .filter((s) => s.length >= minLength && s.length <= maxLength),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength: cap }) },
  );
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const bound = (v: unknown) => (typeof v === 'number' ? v : undefined);
  let min = bound(schema.minimum) ?? -1_000_000;
  let max = bound(schema.maximum) ?? 1_000_000;
  const exMin = bound(schema.exclusiveMinimum);
  const exMax = bound(schema.exclusiveMaximum);
  if (exMin !== undefined) min = integer ? exMin + 1 : exMin;
  if (exMax !== undefined) max = integer ? exMax - 1 : exMax;
  // Small numbers near the bounds matter more than the far ends of the safe range.
  min = Math.max(min, -1_000_000);
  max = Math.min(max, Math.max(min, 1_000_000));
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** An arbitrary of values for `schema`, mixed with pool values for `name` and hostile ones. */
export function schemaArbitrary(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const fitting = fittingArbitrary(schema, options, name, depth);
  const pool = options.poolFor(name);
  const choices: fc.WeightedArbitrary<unknown>[] = [{ weight: 8, arbitrary: fitting }];
  if (pool?.length) choices.push({ weight: 5, arbitrary: fc.constantFrom(...pool) });
  if (options.hostileWeight > 0)
    choices.push({ weight: options.hostileWeight, arbitrary: options.hostile });
  return choices.length === 1 ? fitting : fc.oneof(...choices);
}

function fittingArbitrary(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  name: string | undefined,
  depth: number,
): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string')
    return fittingArbitrary(options.resolve(schema.$ref), options, name, depth + 1);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union?.length)
    return fc.oneof(...union.map((s) => schemaArbitrary(s, options, name, depth + 1)));
  if (Array.isArray(schema.allOf) && schema.allOf.length)
    return fittingArbitrary(schema.allOf[0] as JsonSchema, options, name, depth + 1);
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(
      ...type.map((t) => fittingArbitrary({ ...schema, type: t }, options, name, depth)),
    );
  // Deep schemas stop at their smallest values: the point is many requests, not one large one.
  const deep = depth > 6;
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (Array.isArray(schema.prefixItems))
        return fc.tuple(
          ...(schema.prefixItems as JsonSchema[]).map((s) =>
            schemaArbitrary(s, options, name, depth + 1),
          ),
        );
      const minLength = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const maxItems = typeof schema.maxItems === 'number' ? schema.maxItems : minLength + 3;
      const items = (schema.items as JsonSchema | undefined) ?? {};
      return fc.array(schemaArbitrary(items, options, singular(name), depth + 1), {
        minLength,
        maxLength: Math.min(maxItems, minLength + (deep ? 0 : 3)),
      });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      const record = fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([key, s]) => [
            key,
            schemaArbitrary(s, options, key, depth + 1),
          ]),
        ),
        { requiredKeys: deep ? required : required.filter((k) => k in properties) },
      );
      const extra = schema.additionalProperties;
      if (extra && typeof extra === 'object' && !deep)
        return fc
          .tuple(
            record,
            fc.dictionary(
              fc.string({ minLength: 1, maxLength: 8 }),
              schemaArbitrary(extra as JsonSchema, options, undefined, depth + 1),
              { maxKeys: 3 },
            ),
          )
          .map(([known, more]) => ({ ...more, ...known }));
      return record;
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** `unitIds` → `unitId`: array items take the pool of the singular name. */
function singular(name: string | undefined): string | undefined {
  return name?.endsWith('Ids') ? name.slice(0, -1) : name;
}
