import { z } from 'zod';
import {
  dimensionQuery,
  drilldownQuery,
  financeQuery,
  recordsBody,
  reportQuery,
  rowsQuery,
  sessionBody,
  tokenBody,
} from './params.js';

// The OpenAPI document is generated from the very schemas the routes validate with, so it cannot
// drift from what the server accepts.

type Route = {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  roles: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  params?: string[];
};

const ROUTES: Route[] = [
  { method: 'get', path: '/healthz', summary: 'Health: version, engine, schema version', roles: 'public' },
  { method: 'get', path: '/openapi.json', summary: 'This document', roles: 'public' },
  {
    method: 'get',
    path: '/session',
    summary: 'The dashboard session: role, agent, CSRF value',
    roles: 'public',
  },
  {
    method: 'post',
    path: '/session',
    summary: 'Sign in with a token (sets an HttpOnly cookie)',
    roles: 'public',
    body: sessionBody,
  },
  { method: 'delete', path: '/session', summary: 'Sign out (X-CSRF-Token)', roles: 'public' },
  { method: 'get', path: '/metrics', summary: 'The metric catalog', roles: 'admin, supervisor, agent' },
  {
    method: 'get',
    path: '/dimensions/{dim}',
    summary: 'Values of campaign, list, team or agent for filters',
    roles: 'admin, supervisor, agent (own agent and team)',
    query: dimensionQuery,
    params: ['dim'],
  },
  {
    method: 'get',
    path: '/reports/{name}',
    summary: 'A report as JSON (the CLI’s --format json)',
    roles: 'admin, supervisor; agent: own figures of funnel, agents, roi, quality, tickets, workforce, goals',
    query: reportQuery,
    params: ['name'],
  },
  {
    method: 'get',
    path: '/reports/{name}.csv',
    summary: 'A report’s rows as CSV (formula-safe)',
    roles: 'as /reports/{name}',
    query: reportQuery,
    params: ['name'],
  },
  {
    method: 'get',
    path: '/agents/{agent}',
    summary: 'One agent’s drill-down',
    roles: 'admin, supervisor; agent: own',
    query: drilldownQuery,
    params: ['agent'],
  },
  {
    method: 'get',
    path: '/rows',
    summary: 'The calls behind a figure, paginated',
    roles: 'admin, supervisor; agent: own',
    query: rowsQuery,
  },
  {
    method: 'get',
    path: '/settings/{kind}',
    summary: 'dispositions, finance (history, plans, in force), goals, campaigns',
    roles: 'admin, supervisor',
    query: financeQuery,
    params: ['kind'],
  },
  {
    method: 'post',
    path: '/settings/{kind}',
    summary: 'Append records through the import pipeline (X-CSRF-Token with a cookie)',
    roles: 'admin',
    body: recordsBody,
    params: ['kind'],
  },
  { method: 'get', path: '/tokens', summary: 'API tokens (never the tokens themselves)', roles: 'admin' },
  {
    method: 'post',
    path: '/tokens',
    summary: 'Create a token; the answer is the only time it is shown',
    roles: 'admin',
    body: tokenBody,
  },
  {
    method: 'delete',
    path: '/tokens/{id}',
    summary: 'Revoke a token and its sessions',
    roles: 'admin',
    params: ['id'],
  },
];

const ERROR = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
};

function parameters(r: Route): object[] {
  const out: object[] = (r.params ?? []).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!r.query) return out;
  const schema = z.toJSONSchema(r.query, { io: 'input' }) as {
    properties?: Record<string, { description?: string }>;
    required?: string[];
  };
  for (const [name, s] of Object.entries(schema.properties ?? {}))
    out.push({
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      ...(s.description ? { description: s.description } : {}),
      schema: s,
      ...(name === 'where' ? { style: 'form', explode: true } : {}),
    });
  return out;
}

export function openApiDocument(version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of ROUTES) {
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      description: `Roles: ${r.roles}.`,
      parameters: parameters(r),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input' }) } },
            },
          }
        : {}),
      responses: {
        '200': { description: 'OK' },
        default: { description: 'Error', content: { 'application/json': { schema: ERROR } } },
      },
      ...(r.roles === 'public' ? { security: [] } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'callkpi',
      version,
      description: 'Call-center KPIs: the same reports as the callkpi command line.',
    },
    servers: [{ url: '/api/v1' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
