/**
 * What every regime plugin's schema has in the same shape (API.md): the list of its groups, one
 * group by id, forming a group with its lead and members, and mutations on one of its groups that
 * take `groupId`. A plugin calls these with its own names, words and extra fields, so the shapes
 * are declared once here and a new regime writes only what is its own.
 */
import type { InputFieldMap, InputShapeFromFields, ObjectRef } from '@pothos/core';
import type { GongzhiTypes } from '../builder.js';
import type { GongzhiContext } from '../context.js';
import type { Db } from '../db.js';
import type { GovernanceInEffect } from '../governance.js';
import { uuidOf } from '../ids.js';
import { runMutation, type MutationOutcome } from '../mutation.js';
import { createGroup, getGroup, listGroups, schoolGroupLoader, type SchoolGroupRow } from '../repos/groups.js';
import { zDate, zDivisionCode, zGroupId } from '../validation.js';
import type { PluginSchemaApi } from './api.js';
import { groupFormFields, type GroupFormText } from './group.js';
import { payloadType } from './helpers.js';

type GroupRef = ObjectRef<GongzhiTypes, SchoolGroupRow>;
type InputFieldBuilder = PothosSchemaTypes.InputFieldBuilder<GongzhiTypes, 'InputObject'>;

/** The `groupId` field of an input acting on one of the regime's groups. */
export function groupIdField(t: InputFieldBuilder, description: string) {
  return t.id({ required: true, validate: zGroupId, description: `${description} Its Relay global ID or UUID (\`groupId\`).` });
}

/**
 * The regime's group queries: `list` (the groups of a locality and the localities inside it,
 * optionally only those in force on a date) and, when named, `one` (a group by id; null unless it
 * is of this kind and not archived). `word` is what the regime calls its group (学区, 总校 …).
 */
export function addGroupQueries(
  { builder }: PluginSchemaApi,
  spec: { type: GroupRef; kind: string; word: string; list: { name: string; description: string; localityCode: string }; one?: { name: string; description: string } },
) {
  builder.queryFields((t) => ({
    [spec.list.name]: t.field({
      type: [spec.type],
      description: spec.list.description,
      args: {
        localityCode: t.arg({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: spec.list.localityCode }),
        asOf: t.arg({ type: 'Date', validate: zDate, description: `Only ${spec.word} in force on this date; every ${spec.word} not archived when omitted.` }),
      },
      resolve: (_, args, ctx) => listGroups(ctx.db, { localityCode: args.localityCode, kind: spec.kind, asOf: args.asOf ?? null }),
    }),
  }));
  const one = spec.one;
  if (one)
    builder.queryFields((t) => ({
      [one.name]: t.field({
        type: spec.type,
        nullable: true,
        description: one.description,
        args: { id: t.arg.id({ required: true, description: `The ${spec.word}’s Relay global ID or its UUID (\`groupId\`).` }) },
        resolve: async (_, { id }, ctx) => {
          // A lookup: an id that names no such group, malformed or not, finds none (as schoolGroup(id:)).
          const uuid = uuidOf(String(id));
          const g = uuid ? await schoolGroupLoader(ctx).load(uuid) : null;
          return g && g.kind === spec.kind && !g.archivedAt ? g : null;
        },
      }),
    }));
}

/** What every form-a-group input holds (`groupFormFields`), with the locality when the input names it. */
export interface FormGroupData {
  name: string;
  leadSchoolCode: string;
  memberSchoolCodes: string[];
  validFrom: string;
  isSample?: boolean | null;
  localityCode?: string;
}

export interface FormGroupSpec<Extra extends InputFieldMap> {
  /** The mutation, e.g. `formBeihaiXuequ`. */
  name: string;
  description: string;
  plugin: string;
  kind: string;
  type: GroupRef;
  payload: { name: string; field: string; description: string };
  input: {
    name: string;
    description: string;
    argDescription: string;
    text: GroupFormText;
    /** Describes a `localityCode` field; without it the input names none and `localityOf` finds it. */
    localityCode?: string;
    maxMembers?: number;
    /** The regime's own fields, beside the common ones. */
    fields?: (t: InputFieldBuilder) => Extra;
  };
  /** The locality the group belongs to, for an input without `localityCode`. */
  localityOf?: (ctx: GongzhiContext, input: FormGroupData & InputShapeFromFields<Extra>) => Promise<string>;
  /** Writes the group and whatever the regime keeps with it; core's createGroup when omitted. */
  create?: (tx: Db, ctx: GongzhiContext, input: FormGroupData & { localityCode: string } & InputShapeFromFields<Extra>) => Promise<SchoolGroupRow>;
}

/**
 * The regime's form-a-group mutation: one `input` with the common fields (name, lead, members,
 * first day, sample flag, exceptions) and the regime's own, a payload `{ <field>: group }`, one
 * transaction under the regime (GOVERNANCE_NOT_ENABLED where it is not in force). Returns the
 * payload type, for the regime's other mutations that answer with the group.
 */
export function addGroupFormMutation<Extra extends InputFieldMap = {}>(api: PluginSchemaApi, spec: FormGroupSpec<Extra>) {
  const { builder, refs } = api;
  const Payload = payloadType(builder, spec.payload.name, spec.payload.field, spec.type, spec.payload.description);
  const locality = spec.input.localityCode;
  const Input = builder.inputType(spec.input.name, {
    description: spec.input.description,
    fields: (t) => ({
      ...(locality ? { localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: locality }) } : {}),
      ...groupFormFields(t, refs, true, spec.input.text, spec.input.maxMembers),
      ...(spec.input.fields?.(t) ?? ({} as Extra)),
    }),
  });
  builder.mutationField(spec.name, (t) =>
    t.field({
      type: Payload,
      description: spec.description,
      args: { input: t.arg({ type: Input, required: true, description: spec.input.argDescription }) },
      resolve: async (_, args, ctx) => {
        const input = (args as unknown as { input: Record<string, unknown> }).input;
        const { exceptions, ...rest } = input as { exceptions?: readonly unknown[] | null };
        const data = rest as FormGroupData & InputShapeFromFields<Extra>;
        const localityCode = data.localityCode ?? (await spec.localityOf!(ctx, data));
        return runMutation(ctx, { operation: spec.name, localityCode, plugin: spec.plugin, fields: Object.keys(input), exceptions }, async (tx) => {
          const group = spec.create
            ? await spec.create(tx, ctx, { ...data, localityCode })
            : await createGroup(tx, { kind: spec.kind, localityCode, name: data.name, leadSchoolCode: data.leadSchoolCode, memberSchoolCodes: data.memberSchoolCodes, validFrom: data.validFrom, isSample: data.isSample });
          return { result: { [spec.payload.field]: group }, changes: [{ entity: 'SchoolGroup', key: group.id }] };
        });
      },
    }),
  );
  return Payload;
}

/**
 * A regime's mutation on one of its groups (the input's `groupId`): the group is loaded (NOT_FOUND
 * unless it is of `kind`), and the write runs under the group's locality and the regime, refused
 * with GOVERNANCE_NOT_ENABLED where the regime is not in force; `body` gets the regime's options.
 */
export async function runGroupMutation<T>(
  ctx: GongzhiContext,
  spec: { groupId: string; kind: string; plugin: string; operation: string; fields: string[]; exceptions?: readonly unknown[] | null },
  body: (tx: Db, group: SchoolGroupRow, governance: GovernanceInEffect) => Promise<MutationOutcome<T>>,
): Promise<T> {
  const group = await getGroup(ctx.db, spec.groupId, spec.kind);
  return runMutation(ctx, { operation: spec.operation, localityCode: group.localityCode, plugin: spec.plugin, fields: spec.fields, exceptions: spec.exceptions }, (tx, governance) =>
    body(tx, group, governance!),
  );
}
