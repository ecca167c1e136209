declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';
  export type CopyStreamQuery = Writable & Submittable;
  const copyStreams: { from(sql: string): CopyStreamQuery };
  export default copyStreams;
}
