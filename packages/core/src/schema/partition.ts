import { z } from 'zod';
import type { GongzhiBuilder } from '../builder.js';
import { zCrossField } from '../validation.js';
import type { Partition } from '../repos/common.js';

/**
 * Partitioned pulls (issue 15): a province reads its 14,000 schools and 400,000 staff in parallel
 * slices, each paged by keyset (`after`), never by offset. One input type for every list that
 * takes a partition, made once per schema.
 */
const made = new WeakMap<GongzhiBuilder, ReturnType<typeof make>>();

function make(builder: GongzhiBuilder) {
  return builder.inputType('PartitionInput', {
    description: 'One slice of a list read in parallel: slice `index` of `count`. Every item is in exactly one slice (by a hash of its key), whatever is written meanwhile; page each slice with `first`/`after`.',
    validate: zCrossField<Partition>({ ok: (p) => p.index < p.count, field: 'index', reason: { zh: '分片序号应小于分片数', en: 'must be less than count' } }),
    fields: (t) => ({
      index: t.int({ required: true, validate: z.number().int().min(0), description: 'Which slice: 0 to count − 1.' }),
      count: t.int({ required: true, validate: z.number().int().min(1).max(1024), description: 'How many slices the list is cut into (1–1024).' }),
    }),
  });
}

export function partitionInput(builder: GongzhiBuilder) {
  let ref = made.get(builder);
  if (!ref) made.set(builder, (ref = make(builder)));
  return ref;
}

export const PARTITION_ARG_DESCRIPTION = 'Only one slice of the list, for a pull read in parallel (`{ index: 0, count: 8 }` … `{ index: 7, count: 8 }`); the whole list when omitted.';
