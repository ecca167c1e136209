/**
 * The dashboard's one way to the server: POST /graphql with the user's bearer token, nothing else.
 * Every request is logged in `requests` (name, milliseconds), so the browser test can see that a view
 * costs one or two requests and how long the first screen took.
 */
export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
}

export class ApiError extends Error {
  constructor(message: string, readonly code: string | undefined, readonly status: number) {
    super(message);
  }
}

export interface RequestLog {
  name: string;
  ms: number;
  ok: boolean;
}

export const requests: RequestLog[] = [];

let token: string | null = null;
export const setToken = (t: string | null) => {
  token = t;
};
export const getToken = () => token;

export async function gql<T>(name: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const t0 = performance.now();
  let ok = false;
  try {
    const res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': 'zh-CN', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ operationName: name, query, variables }),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GqlError[] };
    if (body.errors?.length) {
      const e = body.errors[0]!;
      throw new ApiError(e.message, e.extensions?.code, res.status);
    }
    if (!res.ok || !body.data) throw new ApiError(`服务器返回 ${res.status}`, undefined, res.status);
    ok = true;
    return body.data;
  } finally {
    requests.push({ name, ms: Math.round(performance.now() - t0), ok });
  }
}

/** The claims of a bearer token (readable by anyone holding it; the server verifies the signature). */
export interface TokenClaims {
  sub: string;
  roles: string[];
  localities: string[];
  pii: string[];
  exp?: number;
}

export function readClaims(t: string): TokenClaims | null {
  const part = t.split('.')[1];
  if (!part) return null;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=')), (c) => c.charCodeAt(0)));
    const c = JSON.parse(json) as Partial<TokenClaims>;
    if (typeof c.sub !== 'string') return null;
    return { sub: c.sub, roles: c.roles ?? [], localities: c.localities ?? [], pii: c.pii ?? [], exp: c.exp };
  } catch {
    return null;
  }
}
