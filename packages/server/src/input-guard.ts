import { visit, type DocumentNode } from 'graphql';

export interface InputProblem {
  field: string;
  reason: string;
  message: { zh: string; en: string };
}

/**
 * Input no table can hold, refused for every operation before it runs: PostgreSQL's text cannot
 * store U+0000 (NUL), so a name with one used to fail deep in the driver as INTERNAL_SERVER_ERROR
 * (issue 14). Checked in the document's string literals and in the variables, whose path names the
 * field (`input.name`).
 */
export function inputProblems(document: DocumentNode, variables: Record<string, unknown> | undefined): InputProblem | null {
  const nul = (field: string): InputProblem => ({
    field,
    reason: 'contains a NUL character (U+0000)',
    message: { zh: `${field} 含有 NUL 字符（U+0000），无法保存`, en: `${field} contains a NUL character (U+0000), which cannot be stored` },
  });
  const scan = documentScan(document);
  if (scan.nulAt !== null) return nul(scan.nulAt);
  const argumentOf = scan.argumentOf;
  const walk = (v: unknown, at: string): InputProblem | null => {
    if (typeof v === 'string') return v.includes('\u0000') ? nul(at) : null;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const p = walk(v[i], `${at}[${i}]`);
        if (p) return p;
      }
      return null;
    }
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const p = walk(x, at ? `${at}.${k}` : (argumentOf.get(k) ?? k));
        if (p) return p;
      }
    }
    return null;
  };
  return walk(variables ?? {}, '');
}

interface DocumentScan {
  /** Where the first string literal holding a NUL is, or null. */
  nulAt: string | null;
  /** Each variable's argument path (`$i` in `createSchool(input: $i)` is `input`). */
  argumentOf: Map<string, string>;
}

/** What a document says about itself is the same on every request: Apollo reuses its parsed documents, so scan each once. */
const scans = new WeakMap<DocumentNode, DocumentScan>();

function documentScan(document: DocumentNode): DocumentScan {
  const cached = scans.get(document);
  if (cached) return cached;
  let nulAt: string | null = null;
  const path: string[] = [];
  const argumentOf = new Map<string, string>();
  visit(document, {
    Argument: { enter: (n) => void path.push(n.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (n) => void path.push(n.name.value), leave: () => void path.pop() },
    StringValue(n) {
      if (nulAt === null && n.value.includes('\u0000')) nulAt = path.join('.') || '(query)';
    },
    Variable(n) {
      if (path.length && !argumentOf.has(n.name.value)) argumentOf.set(n.name.value, path.join('.'));
    },
  });
  const scan = { nulAt, argumentOf };
  scans.set(document, scan);
  return scan;
}
