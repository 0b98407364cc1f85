/**
 * The REST contract as an OpenAPI 3.1 document (issue #16), for integrators such as the
 * province's LGSP: generated from the route tables themselves (`apiRoutes`, `streamedRoutes`),
 * so it cannot describe a route the server does not have, and a route added to a table appears
 * here without another edit. Zod schemas become JSON Schema 2020-12 (OpenAPI 3.1's dialect) with
 * zod's own `z.toJSONSchema`; requests are described as the server accepts them (`io: 'input'`),
 * answers as it sends them (`io: 'output'`). Isomorphic: reads tables only.
 *
 * To give a new area's table its own tag, add it to `areaTables` (and a line to `areaTexts`);
 * a route no table lists is tagged by its path, else `other`.
 */
import { z } from 'zod';
import { statusByCode, type ErrorCode } from '../errors';
import type { RouteDef } from './route';
import { empty } from './route';
import { meetingDetailSchema } from '../domain/meeting';
import {
  meetingPlanInputSchema,
  meetingPlanSchema,
  myInvitationSchema,
} from '../domain/meetingPlan';
import { userSchema } from '../domain/user';
import { API_VERSION, apiRoutes, type RouteName } from './api';
import { annotationRoutes } from './annotationsApi';
import { auditRoutes } from './auditApi';
import { directoryRoutes } from './directoryApi';
import { documentRoutes, uploadResponseSchema } from './documentsApi';
import { meetingPlanRoutes } from './meetingsApi';
import { SIGNALING_PATH } from './signaling';
import { pullRequestSchema, syncRoutes } from './sync';
import { streamedRoutes, type StreamedRouteDef, type StreamedRouteName } from './streamedRoutes';
import { areaTexts, roleTexts, routeTexts, type Area, type Bilingual } from './openapiText';

/** A JSON value of the document (schemas, operations …). */
export type JsonObject = { [key: string]: unknown };

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: JsonObject & { title: string; version: string };
  jsonSchemaDialect: string;
  servers: JsonObject[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonObject>>;
  components: {
    securitySchemes: Record<string, JsonObject>;
    schemas: Record<string, JsonObject>;
    responses: Record<string, JsonObject>;
  };
};

export const OPENAPI_VERSION = '3.1.0';
export const BEARER_SCHEME = 'bearerAuth';

/** Which table (area) each table route belongs to; core routes are placed by their path. */
const areaTables: [Area, Record<string, unknown>][] = [
  ['documents', documentRoutes],
  ['tasks', syncRoutes],
  ['annotations', annotationRoutes],
  ['directory', directoryRoutes],
  ['planning', meetingPlanRoutes],
  ['audit', auditRoutes],
];

const streamedAreas: Record<StreamedRouteName, Area> = {
  uploadDocument: 'documents',
  uploadVersion: 'documents',
  versionContent: 'documents',
  invitationPdf: 'planning',
  calendarPdf: 'planning',
  attachmentUpload: 'tasks',
  attachmentDownload: 'tasks',
};

function areaOf(name: string, path: string): Area {
  for (const [area, table] of areaTables) if (name in table) return area;
  if (name in streamedAreas) return streamedAreas[name as StreamedRouteName];
  if (path === '/api/health' || path === '/api/openapi.json') return 'system';
  if (/^\/api\/(auth\/|me$|admin\/users(\/|$))/.test(path)) return 'accounts';
  if (path.startsWith('/api/meetings')) return 'meetings';
  return 'other';
}

/** `/api/meetings/:id/agenda` → `/api/meetings/{id}/agenda`. */
export function openApiPath(path: string): string {
  return path.replace(/:([a-zA-Z][a-zA-Z0-9]*)/g, '{$1}');
}

/** The names of a route path's parameters, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!);
}

const bilingual = (t: Bilingual) => `${t.vi}\n\n${t.en}`;

const errorCodes = Object.keys(statusByCode) as ErrorCode[];

/** The error answer every route shares (common/errors.ts `serializeError`). */
const errorSchema = z.object({
  error: z.object({
    /** Stable: clients branch on it, never on the message. */
    code: z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]),
    name: z.string(),
    /** For people; Vietnamese or English. */
    message: z.string(),
    /** Route-specific facts, e.g. `reason` (why it was refused), `field`, `maxBytes`. */
    details: z.unknown().optional(),
  }),
});

const errorResponses: Record<string, { status: number; text: Bilingual }> = {
  Invalid: {
    status: 400,
    text: {
      vi: 'Dữ liệu không hợp lệ (mã invalid): tham số, chuỗi truy vấn hoặc nội dung gửi không đúng lược đồ, JSON hỏng, hoặc bị từ chối vì lý do ghi trong details.reason.',
      en: 'Invalid input (code invalid): the parameters, query or body fail the schema, the JSON is malformed, or it is refused for the reason in details.reason.',
    },
  },
  Unauthorized: {
    status: 401,
    text: {
      vi: 'Chưa đăng nhập, hoặc phiên đã hết hạn hay bị thu hồi (mã unauthorized).',
      en: 'No live session: missing, expired or revoked token (code unauthorized).',
    },
  },
  Forbidden: {
    status: 403,
    text: {
      vi: 'Vai trò của người dùng không được phép (mã forbidden); details.reason = password_change_required khi phải đổi mật khẩu trước.',
      en: 'The user’s role may not do this (code forbidden); details.reason = password_change_required when the password must be changed first.',
    },
  },
  NotFound: {
    status: 404,
    text: {
      vi: 'Không có đối tượng này, hoặc người dùng không được biết đến nó (mã not_found).',
      en: 'No such object, or not one the user may know of (code not_found).',
    },
  },
  TooLarge: {
    status: 413,
    text: {
      vi: 'Nội dung gửi vượt giới hạn (mã too_large; JSON tối đa 1 MB).',
      en: 'The body is over the limit (code too_large; JSON bodies at most 1 MB).',
    },
  },
  RateLimited: {
    status: 429,
    text: {
      vi: 'Quá nhiều yêu cầu hoặc tài khoản tạm khóa (mã rate_limited).',
      en: 'Too many requests, or the account is locked for now (code rate_limited).',
    },
  },
  Error: {
    status: 0,
    text: {
      vi: 'Lỗi khác theo cùng cấu trúc: invalid_state (409, trạng thái không cho phép), unavailable (503), incompatible (426), internal (500).',
      en: 'Any other error in the same shape: invalid_state (409, not in this state), unavailable (503), incompatible (426), internal (500).',
    },
  },
};

const errorRef = (name: keyof typeof errorResponses) => ({
  $ref: `#/components/responses/${name}`,
});

type Io = 'input' | 'output';

/** Pascal-cased component names: `meetingAgenda` + `Response` → `MeetingAgendaResponse`. */
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Names of schemas several routes share, so a route's answer reads `MeetingPlan`, not the name of
 * whichever route used it first. Any other schema is named after its route and part.
 */
const sharedSchemaNames = new Map<z.ZodType, string>([
  [empty, 'Empty'],
  [userSchema, 'User'],
  [meetingDetailSchema, 'MeetingDetail'],
  [meetingPlanSchema, 'MeetingPlan'],
  [meetingPlanInputSchema, 'MeetingPlanInput'],
  [myInvitationSchema, 'MyInvitation'],
  [pullRequestSchema, 'PullRequest'],
  [uploadResponseSchema, 'UploadResponse'],
]);

/**
 * Component schemas: each zod schema converted once per direction, its `$defs` (recursive or
 * shared parts) lifted into components so every `$ref` resolves from the document's root.
 */
class SchemaComponents {
  readonly schemas: Record<string, JsonObject> = {};
  readonly #byInstance = new Map<z.ZodType, Map<Io, { name: string; content: string }>>();

  /** `{ $ref }` to the component of `schema`, adding it under `name` if new. */
  ref(schema: z.ZodType, io: Io, name: string): { $ref: string } {
    return { $ref: `#/components/schemas/${this.#nameOf(schema, io, name)}` };
  }

  /** The schema inline (for parameters), with its `$defs` lifted into components under `name`. */
  inline(schema: z.ZodType, io: Io, name: string): JsonObject {
    return this.#lift(convert(schema, io), name);
  }

  #nameOf(schema: z.ZodType, io: Io, wanted: string): string {
    const seen = this.#byInstance.get(schema) ?? new Map<Io, { name: string; content: string }>();
    this.#byInstance.set(schema, seen);
    const known = seen.get(io);
    if (known) return known.name;
    const json = convert(schema, io);
    const content = JSON.stringify(json);
    // The same schema read the other way round: one component when both read alike.
    const other = [...seen.values()].find((c) => c.content === content);
    const name = other?.name ?? this.#freeName(sharedSchemaNames.get(schema) ?? wanted);
    if (!other) this.schemas[name] = this.#lift(json, name);
    seen.set(io, { name, content });
    return name;
  }

  #freeName(wanted: string): string {
    let name = wanted;
    for (let i = 2; name in this.schemas; i++) name = `${wanted}${i}`;
    return name;
  }

  /** Moves `$defs` into components as `<name>_<def>` and points every `$ref` at them. */
  #lift(json: JsonObject, name: string): JsonObject {
    const { $defs, ...root } = json as JsonObject & { $defs?: Record<string, JsonObject> };
    const defName = (key: string) => `${name}_${key.replace(/[^A-Za-z0-9._-]/g, '_')}`;
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (value === null || typeof value !== 'object') return value;
      const out: JsonObject = {};
      for (const [key, inner] of Object.entries(value)) {
        if (key === '$ref' && typeof inner === 'string') {
          if (inner === '#') out[key] = `#/components/schemas/${name}`;
          else if (inner.startsWith('#/$defs/'))
            out[key] = `#/components/schemas/${defName(inner.slice('#/$defs/'.length))}`;
          else out[key] = inner;
        } else out[key] = rewrite(inner);
      }
      return out;
    };
    for (const [key, def] of Object.entries($defs ?? {}))
      this.schemas[defName(key)] = rewrite(def) as JsonObject;
    return rewrite(root) as JsonObject;
  }
}

function convert(schema: z.ZodType, io: Io): JsonObject {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    // A schema JSON Schema cannot say (a custom check) is described as "anything" rather than
    // failing the whole document.
    unrepresentable: 'any',
    // A plain z.object() drops unknown keys when it parses, but the server's answers may carry
    // fields a client does not know yet ("absent from older servers"): only strict objects say
    // additionalProperties: false in an answer.
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def as { type: string; catchall?: unknown };
      if (io === 'output' && def.type === 'object' && def.catchall === undefined)
        delete jsonSchema.additionalProperties;
    },
  }) as JsonObject;
  delete json.$schema;
  return json;
}

interface ObjectSchema {
  properties?: Record<string, JsonObject>;
  required?: string[];
}

/** Path or query parameters from an object schema's properties. */
function parametersOf(
  components: SchemaComponents,
  schema: z.ZodType,
  where: 'path' | 'query',
  name: string,
): JsonObject[] {
  const json = components.inline(schema, 'input', name) as ObjectSchema;
  return Object.entries(json.properties ?? {}).map(([key, property]) => {
    const { description, ...rest } = property;
    return {
      name: key,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(key),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function accessText(def: { auth: boolean; roles?: readonly string[] }): Bilingual {
  if (!def.auth) return { vi: 'Quyền: công khai.', en: 'Access: public.' };
  if (!def.roles)
    return {
      vi: 'Quyền: người đã đăng nhập; kiểm tra theo từng đối tượng (cuộc họp, giấy mời, nhiệm vụ) như mô tả.',
      en: 'Access: any signed-in user; checked per object (meeting, invitation, task) as described.',
    };
  const roles = def.roles as readonly (keyof typeof roleTexts)[];
  return {
    vi: `Quyền: chỉ ${roles.map((r) => `${roleTexts[r].vi} (${r})`).join(', ')}.`,
    en: `Access: ${roles.map((r) => `${roleTexts[r].en} (${r})`).join(', ')} only.`,
  };
}

function describe(name: string, method: string, path: string, access: Bilingual) {
  const text = routeTexts[name as RouteName | StreamedRouteName];
  return {
    summary: text ? firstSentence(text.vi) : `${method} ${path}`,
    description: text
      ? `${bilingual(text)}\n\n${bilingual(access)}`
      : `${method} ${path}\n\n${bilingual(access)}`,
  };
}

function firstSentence(text: string): string {
  const cut = text.search(/[.:;](\s|$)/);
  return cut > 0 ? text.slice(0, cut) : text;
}

function errorResponsesOf(options: {
  auth: boolean;
  hasInput: boolean;
  hasPathParams: boolean;
  hasBody: boolean;
}): Record<string, unknown> {
  return {
    ...(options.hasInput ? { '400': errorRef('Invalid') } : {}),
    ...(options.auth ? { '401': errorRef('Unauthorized'), '403': errorRef('Forbidden') } : {}),
    ...(options.hasPathParams ? { '404': errorRef('NotFound') } : {}),
    ...(options.hasBody ? { '413': errorRef('TooLarge') } : {}),
    default: errorRef('Error'),
  };
}

function security(auth: boolean) {
  return auth ? [{ [BEARER_SCHEME]: [] }] : [];
}

function tableOperation(
  components: SchemaComponents,
  name: string,
  def: RouteDef<z.ZodType, z.ZodType, z.ZodType, z.ZodType>,
): JsonObject {
  const base = pascal(name);
  const hasPathParams = pathParamNames(def.path).length > 0;
  const parameters = [
    ...parametersOf(components, def.params, 'path', `${base}Params`),
    ...(def.query ? parametersOf(components, def.query, 'query', `${base}Query`) : []),
  ];
  const hasBody = def.method !== 'GET';
  const emptyBody = def.body === empty || isEmptyObject(def.body);
  return {
    operationId: name,
    tags: [areaOf(name, def.path)],
    ...describe(name, def.method, def.path, accessText(def)),
    security: security(def.auth),
    ...(def.roles ? { 'x-roles': [...def.roles] } : {}),
    ...(def.whilePasswordChangePending ? { 'x-while-password-change-pending': true } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(hasBody
      ? {
          requestBody: {
            // An empty body may be left out altogether (no Content-Type either).
            required: !emptyBody,
            content: {
              'application/json': { schema: components.ref(def.body, 'input', `${base}Body`) },
            },
          },
        }
      : {}),
    responses: {
      '200': {
        description: 'Thành công. / Success.',
        content: {
          'application/json': {
            schema: components.ref(def.response, 'output', `${base}Response`),
          },
        },
      },
      ...(name === 'login' ? { '429': errorRef('RateLimited') } : {}),
      ...errorResponsesOf({
        auth: def.auth,
        hasInput: hasPathParams || def.query !== undefined || hasBody,
        hasPathParams,
        hasBody,
      }),
    },
  };
}

function isEmptyObject(schema: z.ZodType): boolean {
  return schema instanceof z.ZodObject && Object.keys(schema.shape).length === 0;
}

const headerParameter = (name: string, text: Bilingual): JsonObject => ({
  name,
  in: 'header',
  required: false,
  description: bilingual(text),
  schema: { type: 'string' },
});

const fileHeaders = (etag: boolean, ranges: boolean): JsonObject => ({
  'Content-Disposition': {
    description: 'Tên tệp (filename* theo UTF-8). / The file name (filename* in UTF-8).',
    schema: { type: 'string' },
  },
  ...(etag
    ? {
        ETag: {
          description: '"<sha256>" của nội dung. / "<sha256>" of the content.',
          schema: { type: 'string' },
        },
      }
    : {}),
  ...(ranges ? { 'Accept-Ranges': { schema: { type: 'string', const: 'bytes' } } } : {}),
});

function streamedOperation(
  components: SchemaComponents,
  name: StreamedRouteName,
  def: StreamedRouteDef,
): JsonObject {
  const base = pascal(name);
  const response = def.response;
  const parameters = [
    ...parametersOf(components, def.params, 'path', `${base}Params`),
    ...(def.query ? parametersOf(components, def.query, 'query', `${base}Query`) : []),
  ];
  if (response.kind === 'file') {
    if (response.etag)
      parameters.push(
        headerParameter('If-None-Match', {
          vi: 'ETag đã có: trả 304 nếu không đổi.',
          en: 'An ETag already held: 304 when unchanged.',
        }),
      );
    if (response.ranges)
      parameters.push(
        headerParameter('Range', {
          vi: 'Một khoảng byte, ví dụ bytes=0-65535: trả 206.',
          en: 'One byte range, e.g. bytes=0-65535: answers 206.',
        }),
        headerParameter('If-Range', {
          vi: 'Chỉ dùng Range nếu ETag này còn đúng.',
          en: 'Honour Range only while this ETag holds.',
        }),
      );
  }
  let requestBody: JsonObject | undefined;
  if (def.request?.kind === 'multipart') {
    const fields = components.inline(def.request.fields, 'input', `${base}Fields`) as ObjectSchema;
    const file = def.request.file;
    requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              [file.field]: {
                type: 'string',
                contentMediaType: file.mediaType,
                description: `Tệp ${file.mediaType}. / The ${file.mediaType} file.`,
              },
              ...(fields.properties ?? {}),
            },
            required: [file.field, ...(fields.required ?? [])],
            additionalProperties: false,
          },
          encoding: { [file.field]: { contentType: file.mediaType } },
        },
      },
    };
  } else if (def.request?.kind === 'bytes') {
    requestBody = {
      required: true,
      description: `Nội dung tệp, tối đa ${def.request.maxBytes} byte. / The file’s bytes, at most ${def.request.maxBytes}.`,
      // OpenAPI 3.1: raw bytes need no schema.
      content: { 'application/octet-stream': {} },
    };
  }
  const responses: JsonObject = {};
  if (response.kind === 'json') {
    const content = {
      'application/json': { schema: components.ref(response.schema, 'output', `${base}Response`) },
    };
    responses[String(response.status)] = {
      description: response.status === 201 ? 'Đã lưu. / Stored.' : 'Thành công. / Success.',
      content,
    };
    if (response.alsoStatus)
      responses[String(response.alsoStatus)] = {
        description: 'Đã có sẵn, không thay đổi gì. / Already held; nothing changed.',
        content,
      };
  } else {
    const content = Object.fromEntries(response.mediaTypes.map((type) => [type, {}]));
    responses['200'] = {
      description: 'Toàn bộ tệp. / The whole file.',
      headers: fileHeaders(response.etag, response.ranges),
      content,
    };
    if (response.ranges)
      responses['206'] = {
        description: 'Khoảng byte đã yêu cầu. / The range asked for.',
        headers: {
          ...fileHeaders(response.etag, true),
          'Content-Range': { schema: { type: 'string' } },
        },
        content,
      };
    if (response.etag)
      responses['304'] = { description: 'Không thay đổi (If-None-Match). / Not modified.' };
    if (response.ranges)
      responses['416'] = {
        description: 'Khoảng byte ngoài tệp. / Range not satisfiable.',
        headers: { 'Content-Range': { schema: { type: 'string' } } },
      };
  }
  Object.assign(
    responses,
    errorResponsesOf({
      auth: def.auth,
      hasInput: true,
      hasPathParams: pathParamNames(def.path).length > 0,
      hasBody: def.request !== undefined,
    }),
  );
  return {
    operationId: name,
    tags: [areaOf(name, def.path)],
    ...describe(name, def.method, def.path, accessText(def)),
    security: security(def.auth),
    ...(def.roles ? { 'x-roles': [...def.roles] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
  };
}

const infoText: Bilingual = {
  vi: [
    'API REST của Phòng Họp — họp không giấy và hội nghị trực tuyến cho chính quyền cấp tỉnh.',
    'Xác thực: đăng nhập (POST /api/auth/login) để nhận mã phiên, rồi gửi "Authorization: Bearer <token>". Quyền theo vai trò hệ thống (x-roles của từng tuyến) và theo vai trò trong từng cuộc họp (chủ trì, thư ký, đại biểu…).',
    'Lỗi luôn có dạng { "error": { "code", "name", "message", "details" } }; code ổn định để máy khách rẽ nhánh.',
    `Phòng họp trực tuyến (media, tín hiệu) dùng WebSocket tại ${SIGNALING_PATH} với vé từ POST /api/meetings/{id}/join-ticket; không mô tả ở đây.`,
  ].join('\n\n'),
  en: [
    'The REST API of Phòng Họp, paperless meetings and video conference for provincial government.',
    'Authentication: sign in (POST /api/auth/login) for a session token, then send "Authorization: Bearer <token>". Access follows system roles (each route’s x-roles) and the role in each meeting (chair, secretary, delegate…).',
    'Errors are always { "error": { "code", "name", "message", "details" } }; the code is stable for clients to branch on.',
    `The live meeting room (media, signaling) is a WebSocket at ${SIGNALING_PATH} opened with a ticket from POST /api/meetings/{id}/join-ticket; it is not described here.`,
  ].join('\n\n'),
};

const securityText: Bilingual = {
  vi: 'Mã phiên trả về từ POST /api/auth/login, gửi trong tiêu đề "Authorization: Bearer <token>". Phiên hết hạn sau 7 ngày, hoặc khi đăng xuất, đổi mật khẩu, bị quản trị viên đặt lại mật khẩu hay khóa tài khoản (401). Người dùng có mật khẩu do quản trị viên đặt chỉ gọi được /api/me, /api/auth/logout và /api/auth/password cho đến khi đổi mật khẩu (403, details.reason = password_change_required).',
  en: 'The session token from POST /api/auth/login, sent as "Authorization: Bearer <token>". A session ends after 7 days, or on sign-out, a password change, an administrator’s reset or a disabled account (401). A user whose password an administrator set may call only /api/me, /api/auth/logout and /api/auth/password until they change it (403, details.reason = password_change_required).',
};

/** The whole document; `version` is the server's (info.version). */
export function buildOpenApiDocument(options: { version: string }): OpenApiDocument {
  const components = new SchemaComponents();
  components.ref(errorSchema, 'output', 'Error');
  const paths: OpenApiDocument['paths'] = {};
  const add = (path: string, method: string, operation: JsonObject) => {
    const key = openApiPath(path);
    const item = (paths[key] ??= {});
    const verb = method.toLowerCase();
    if (item[verb]) throw new Error(`Two routes for ${method} ${path}`);
    item[verb] = operation;
  };
  for (const [name, def] of Object.entries(apiRoutes))
    add(
      def.path,
      def.method,
      tableOperation(
        components,
        name,
        def as unknown as RouteDef<z.ZodType, z.ZodType, z.ZodType, z.ZodType>,
      ),
    );
  for (const [name, def] of Object.entries(streamedRoutes) as [
    StreamedRouteName,
    StreamedRouteDef,
  ][])
    add(def.path, def.method, streamedOperation(components, name, def));

  const used = new Set(
    Object.values(paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (op.tags as string[] | undefined) ?? []),
    ),
  );
  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'Phòng Họp API',
      version: options.version,
      description: bilingual(infoText),
      'x-api-version': API_VERSION,
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: '/', description: 'Máy chủ này. / This server.' }],
    tags: (Object.keys(areaTexts) as Area[])
      .filter((area) => used.has(area))
      .map((area) => ({ name: area, description: bilingual(areaTexts[area]) })),
    paths,
    components: {
      securitySchemes: {
        [BEARER_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'opaque',
          description: bilingual(securityText),
        },
      },
      schemas: components.schemas,
      responses: Object.fromEntries(
        Object.entries(errorResponses).map(([name, r]) => [
          name,
          {
            description: bilingual(r.text),
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        ]),
      ),
    },
  };
}
