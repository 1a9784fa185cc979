// The two OpenAPI documents the console is built from: the main one (/openapi.json: operations, request schemas,
// documented statuses, the audit transition table) and the admin one (/__admin/openapi.json). Both are public.
import { request } from '../api/http.js';

export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  readOnly?: boolean;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  default?: unknown;
};

interface OperationObject {
  operationId?: string;
  summary?: string;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, OperationObject>>;
  webhooks?: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface OperationInfo {
  operationId: string;
  method: string;
  /** The path template; undefined for a webhook. */
  path?: string;
  summary: string;
  object: OperationObject;
}

export interface Transitions {
  initial: string;
  allowed: Record<string, string[]>;
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export class ApiDocument {
  readonly operations: OperationInfo[];

  constructor(readonly document: OpenApiDocument) {
    this.operations = [];
    for (const [source, isWebhook] of [
      [document.paths ?? {}, false],
      [document.webhooks ?? {}, true],
    ] as const) {
      for (const [path, item] of Object.entries(source)) {
        for (const method of methods) {
          const object = item[method];
          if (object?.operationId) this.operations.push({ operationId: object.operationId, method: method.toUpperCase(), path: isWebhook ? undefined : path, summary: object.summary ?? '', object });
        }
      }
    }
  }

  operation(operationId: string): OperationInfo {
    const found = this.operations.find((op) => op.operationId === operationId);
    if (!found) throw new Error(`The document has no operation ${operationId}`);
    return found;
  }

  /** A schema with its $ref followed (local references only, as the documents use). */
  resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    for (let depth = 0; typeof current.$ref === 'string' && depth < 20; depth += 1) {
      const target = current.$ref.replace(/^#\//, '').split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.document);
      const siblings: Schema = { ...current };
      delete siblings.$ref;
      current = { ...(target as Schema), ...siblings };
    }
    return current;
  }

  /** The JSON pointer (within the document) of an operation's request body schema. */
  requestSchemaRef(operationId: string): string | undefined {
    const schema = this.operation(operationId).object.requestBody?.content?.['application/json']?.schema;
    return schema?.$ref;
  }

  requestSchema(operationId: string): Schema {
    return this.resolve(this.operation(operationId).object.requestBody?.content?.['application/json']?.schema);
  }

  /** The error statuses the operation (or webhook) documents, in order. */
  errorStatuses(operationId: string): number[] {
    return Object.keys(this.operation(operationId).object.responses ?? {})
      .map(Number)
      .filter((status) => status >= 400 && status <= 599)
      .sort((a, b) => a - b);
  }

  /** The audit status table, as the spec's AuditStatus carries it in x-cubit-transitions. */
  transitions(): Transitions | undefined {
    return this.document.components?.schemas?.AuditStatus?.['x-cubit-transitions'] as Transitions | undefined;
  }
}

export interface Documents {
  main: ApiDocument;
  admin: ApiDocument;
}

export async function loadDocuments(): Promise<Documents> {
  const [main, admin] = await Promise.all([request<OpenApiDocument>('/openapi.json', { method: 'GET' }), request<OpenApiDocument>('/__admin/openapi.json', { method: 'GET' })]);
  return { main: new ApiDocument(main.body), admin: new ApiDocument(admin.body) };
}
