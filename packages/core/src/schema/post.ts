import { z } from 'zod';
import type { PluginSchemaApi } from './api.js';
import type { GongzhiContext } from '../context.js';
import { archivePost, createPost, getPost, updatePost, type PostRow } from '../repos/posts.js';
import { personLoader, getPerson } from '../repos/people.js';
import { getSchool, schoolLoader } from '../repos/schools.js';
import { getGroup, schoolGroupLoader } from '../repos/groups.js';
import { parseInput, zDate, zSchoolCode, zStage } from '../validation.js';
import { runMutation } from '../mutation.js';
import { localised, payloadType } from './helpers.js';

/** The locality a post belongs to (its school's county, or its group's locality), for scope and rules. */
async function postLocality(ctx: GongzhiContext, p: { schoolCode?: string | null; groupId?: string | null; personId: string }): Promise<string> {
  if (p.schoolCode) return (await getSchool(ctx.db, p.schoolCode)).countyCode;
  if (p.groupId) return (await getGroup(ctx.db, p.groupId)).localityCode;
  return (await getPerson(ctx.db, p.personId)).localityCode;
}

export function addPostSchema({ builder, refs }: PluginSchemaApi) {
  const { Post, Person, School, SchoolGroup, Stage } = refs;

  Post.implement({
    description: '职务 — a person’s role at a school or a group, for a period.',
    fields: (t) => ({
      id: t.exposeID('id'),
      role: t.exposeString('role', { description: 'PRINCIPAL, VICE_PRINCIPAL, TEACHER … or a plugin’s role (BEIHAI_XUEQU_HEAD …). See `roles`.' }),
      roleTitle: t.string({ description: 'The role’s name in the caller’s language (校长, 学区长 …).', resolve: (p, _, ctx) => { const r = ctx.registry.roles.get(p.role); return r ? localised(ctx, r.title) : p.role; } }),
      person: t.field({ type: Person, resolve: async (p, _, ctx) => (await personLoader(ctx).load(p.personId))! }),
      school: t.field({ type: School, nullable: true, resolve: (p, _, ctx) => (p.schoolCode ? schoolLoader(ctx).load(p.schoolCode) : null) }),
      group: t.field({ type: SchoolGroup, nullable: true, resolve: (p, _, ctx) => (p.groupId ? schoolGroupLoader(ctx).load(p.groupId) : null) }),
      stage: t.field({ type: Stage, nullable: true, description: 'The stage taught, in a school of several stages.', resolve: (p) => p.stage as never }),
      validFrom: t.field({ type: 'Date', resolve: (p) => p.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day in post; null while still held.', resolve: (p) => p.validTo }),
    }),
  });

  const RoleInfo = builder.objectRef<{ id: string; title: { zh: string; en: string }; heldAt: string; pluginId: string }>('Role').implement({
    description: 'A role a post can have. Core registers the school roles; each regime adds its own.',
    fields: (t) => ({
      id: t.exposeString('id'),
      title: t.string({ resolve: (r, _, ctx) => localised(ctx, r.title) }),
      heldAt: t.exposeString('heldAt', { description: 'SCHOOL, GROUP or EITHER.' }),
      plugin: t.exposeString('pluginId', { description: '`core` or the plugin that registered it.' }),
    }),
  });
  builder.queryField('roles', (t) => t.field({ type: [RoleInfo], description: 'Every role known to this deployment.', resolve: (_, __, ctx) => [...ctx.registry.roles.values()] }));

  const PostPayload = payloadType(builder, 'PostPayload', 'post', Post, 'The result of a post mutation.');
  const CreatePostInput = builder.inputType('CreatePostInput', {
    fields: (t) => ({
      personId: t.string({ required: true }),
      role: t.string({ required: true }),
      schoolCode: t.field({ type: 'SchoolCode' }),
      groupId: t.string(),
      stage: t.field({ type: Stage }),
      validFrom: t.field({ type: 'Date', required: true }),
      validTo: t.field({ type: 'Date' }),
    }),
  });
  const UpdatePostInput = builder.inputType('UpdatePostInput', {
    description: 'Change a post; to end it, set `validTo` to its last day.',
    fields: (t) => ({ id: t.string({ required: true }), role: t.string(), stage: t.field({ type: Stage }), validFrom: t.field({ type: 'Date' }), validTo: t.field({ type: 'Date' }) }),
  });
  const ArchivePostInput = builder.inputType('ArchivePostInput', { description: 'Remove a post recorded in error (to end a real post, set its validTo).', fields: (t) => ({ id: t.string({ required: true }) }) });

  const zCreate = z.object({
    personId: z.string(),
    role: z.string().min(1),
    schoolCode: zSchoolCode.nullish(),
    groupId: z.string().nullish(),
    stage: zStage.nullish(),
    validFrom: zDate,
    validTo: zDate.nullish(),
  });
  const zUpdate = z.object({ id: z.string(), role: z.string().min(1).nullish(), stage: zStage.nullish(), validFrom: zDate.nullish(), validTo: zDate.nullish() });

  builder.mutationFields((t) => ({
    createPost: t.field({
      type: PostPayload,
      description: 'Appoint a person to a role at a school or group.',
      args: { input: t.arg({ type: CreatePostInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const data = parseInput(zCreate, input);
        await getPerson(ctx.db, data.personId);
        const localityCode = await postLocality(ctx, data);
        return runMutation(ctx, { operation: 'createPost', localityCode, fields: Object.keys(input) }, async (tx) => {
          const row = await createPost(tx, ctx.registry, data);
          return { result: { post: row }, changes: [{ entity: 'Post', key: row.id }] };
        });
      },
    }),
    updatePost: t.field({
      type: PostPayload,
      args: { input: t.arg({ type: UpdatePostInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const { id, ...patch } = parseInput(zUpdate, input);
        const current = await getPost(ctx.db, id);
        const localityCode = await postLocality(ctx, current);
        return runMutation(ctx, { operation: 'updatePost', localityCode, fields: Object.keys(input) }, async (tx) => {
          const row = await updatePost(tx, ctx.registry, id, Object.fromEntries(Object.entries(patch).filter(([k]) => k in input)) as Partial<PostRow>);
          return { result: { post: row }, changes: [{ entity: 'Post', key: row.id }] };
        });
      },
    }),
    archivePost: t.field({
      type: PostPayload,
      args: { input: t.arg({ type: ArchivePostInput, required: true }) },
      resolve: async (_, { input }, ctx) => {
        const current = await getPost(ctx.db, input.id);
        const localityCode = await postLocality(ctx, current);
        return runMutation(ctx, { operation: 'archivePost', localityCode, fields: ['id'] }, async (tx) => {
          const row = await archivePost(tx, current.id);
          return { result: { post: row }, changes: [{ entity: 'Post', key: row.id }] };
        });
      },
    }),
  }));
}
