/**
 * The OpenAPI 3.1 document generated from the route tables (common/protocol/openapi.ts): its
 * shape, that every route of every table appears in it exactly once with its access, that path
 * parameters use `{name}` and match the route's, that every `$ref` resolves, and that every
 * schema in it compiles as JSON Schema 2020-12 (OpenAPI 3.1's dialect).
 */
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../../common/protocol/api';
import {
  BEARER_SCHEME,
  buildOpenApiDocument,
  openApiPath,
  pathParamNames,
  type JsonObject,
} from '../../../common/protocol/openapi';
import { streamedPaths, streamedRoutes } from '../../../common/protocol/streamedRoutes';

const doc = buildOpenApiDocument({ version: '9.9.9-test' });
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation with its path key and method. */
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, op]) => ({ path, method, op: op as JsonObject & { operationId: string } })),
);

/** Every value in the document with the JSON pointer to it. */
function* walk(value: unknown, pointer = '#'): Generator<[string, unknown]> {
  yield [pointer, value];
  if (value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value))
      yield* walk(inner, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
}

function resolve(ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

describe('buildOpenApiDocument()', () => {
  it('is an OpenAPI 3.1 document with info, servers, tags, paths and a bearer scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Phòng Họp API');
    expect(doc.info.version).toBe('9.9.9-test');
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.components.securitySchemes[BEARER_SCHEME]).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const tagNames = doc.tags.map((t) => t.name);
    expect(new Set(tagNames).size).toBe(tagNames.length);
    for (const { op } of operations) {
      expect(op.tags, op.operationId).toHaveLength(1);
      expect(tagNames).toContain((op.tags as string[])[0]);
    }
  });

  it('has every route of every table exactly once, under its method and {param} path', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tableRoutes = [...Object.entries(apiRoutes), ...Object.entries(streamedRoutes)];
    expect(operations).toHaveLength(tableRoutes.length);
    for (const [name, def] of tableRoutes) {
      const op = doc.paths[openApiPath(def.path)]?.[def.method.toLowerCase()];
      expect(op?.operationId, `${name}: ${def.method} ${def.path}`).toBe(name);
    }
    // A path added to a streamed area's …Paths table must be described as well.
    for (const path of streamedPaths)
      expect(Object.keys(doc.paths), path).toContain(openApiPath(path));
  });

  it('uses {name} path syntax, with exactly the route’s path parameters, all required', () => {
    for (const { path, op } of operations) {
      expect(path, op.operationId).not.toMatch(/:[A-Za-z]/);
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = ((op.parameters as JsonObject[] | undefined) ?? []).filter(
        (p) => p.in === 'path',
      );
      expect(declared.map((p) => p.name).sort(), op.operationId).toEqual([...inPath].sort());
      for (const p of declared) expect(p.required, `${op.operationId} ${p.name}`).toBe(true);
    }
    for (const [name, def] of Object.entries(apiRoutes))
      expect(pathParamNames(def.path).sort(), name).toEqual(
        Object.keys((def.params as unknown as { shape: object }).shape).sort(),
      );
  });

  it('says who may call each route: security, x-roles, and an answer for success and errors', () => {
    const byName = new Map(operations.map((o) => [o.op.operationId, o.op]));
    for (const [name, def] of [...Object.entries(apiRoutes), ...Object.entries(streamedRoutes)]) {
      const op = byName.get(name)!;
      expect(op.security, name).toEqual(def.auth ? [{ [BEARER_SCHEME]: [] }] : []);
      const roles = 'roles' in def ? def.roles : undefined;
      expect(op['x-roles'], name).toEqual(roles ? [...roles] : undefined);
      const statuses = Object.keys(op.responses as object);
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        name,
      ).toBe(true);
      expect(statuses, name).toContain('default');
      if (def.auth) expect(statuses, name).toEqual(expect.arrayContaining(['401', '403']));
      expect(typeof op.summary, name).toBe('string');
      expect(op.description as string, name).toMatch(/Quyền: .*\n\nAccess: /s);
    }
  });

  it('describes multipart uploads, raw byte uploads and file downloads by their media types', () => {
    const op = (name: string) => operations.find((o) => o.op.operationId === name)!.op as any;
    const upload = op('uploadDocument').requestBody.content['multipart/form-data'];
    expect(upload.schema.required).toContain('file');
    expect(upload.schema.properties.file.contentMediaType).toBe('application/pdf');
    expect(upload.encoding.file.contentType).toBe('application/pdf');
    expect(op('attachmentUpload').requestBody.content).toHaveProperty(['application/octet-stream']);
    const content = op('versionContent').responses;
    expect(Object.keys(content)).toEqual(expect.arrayContaining(['200', '206', '304', '416']));
    expect(content['200'].content).toHaveProperty(['application/pdf']);
    expect(op('versionContent').parameters.map((p: JsonObject) => p.name)).toContain('Range');
    expect(Object.keys(op('attachmentDownload').responses['200'].content)).toContain('image/png');
  });

  it('has every $ref resolving inside the document, and no $defs left behind', () => {
    let refs = 0;
    for (const [pointer, value] of walk(doc)) {
      if (value === null || typeof value !== 'object') continue;
      const ref = (value as JsonObject).$ref;
      if (typeof ref === 'string') {
        refs++;
        expect(resolve(ref), `${pointer}: ${ref}`).toBeDefined();
      }
      expect(value, pointer).not.toHaveProperty('$defs');
      expect(value, pointer).not.toHaveProperty('$schema');
    }
    expect(refs).toBeGreaterThan(operations.length);
  });

  it('has schemas that are valid JSON Schema 2020-12 and compile, $refs included', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const inline = operations.flatMap(({ op }) => [
      ...((op.parameters as { schema: JsonObject }[] | undefined) ?? []).map((p) => p.schema),
      ...Object.values(
        ((op.requestBody as { content?: Record<string, { schema?: JsonObject }> } | undefined)
          ?.content ?? {}) as Record<string, { schema?: JsonObject }>,
      ).flatMap((c) => (c.schema ? [c.schema] : [])),
    ]);
    for (const schema of [...Object.values(doc.components.schemas), ...inline])
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    // The components compiled from the document, so each $ref is followed as a client would.
    ajv.addSchema({ components: doc.components }, 'doc');
    for (const name of Object.keys(doc.components.schemas))
      expect(ajv.getSchema(`doc#/components/schemas/${name}`), name).toBeTypeOf('function');
    const error = ajv.getSchema('doc#/components/schemas/Error')!;
    expect(error({ error: { code: 'forbidden', name: 'ForbiddenError', message: 'x' } })).toBe(
      true,
    );
    expect(error({ error: { code: 'teapot', name: 'x', message: 'x' } })).toBe(false);
  });

  it('is valid JSON and holds no secret-looking value', () => {
    const text = JSON.stringify(doc);
    expect(JSON.parse(text)).toEqual(doc);
    expect(text).not.toMatch(/PhongHop@2026|scrypt\$|BEGIN (RSA |EC )?PRIVATE KEY/);
  });
});
