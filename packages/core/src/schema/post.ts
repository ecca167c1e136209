import { z } from 'zod';
import type { PluginSchemaApi } from './api.js';
import { PROVINCIAL_TAG } from '../federation.js';
import type { GongzhiContext } from '../context.js';
import { archivePost, createPost, getPost, postLoader, updatePost, type PostRow } from '../repos/posts.js';
import { personLoader, getPerson } from '../repos/people.js';
import { getSchool, schoolLoader } from '../repos/schools.js';
import { getGroup, schoolGroupLoader } from '../repos/groups.js';
import { zDate, zGroupId, zNotNull, zPersonId, zPostId, zSchoolCode } from '../validation.js';
import { runMutation } from '../mutation.js';
import { present } from '../loaders.js';
import { exceptionsInputField, localised, payloadType, loadNodes } from './helpers.js';

/** The locality a post belongs to (its school's county, or its group's locality), for scope and rules. */
async function postLocality(ctx: GongzhiContext, p: { schoolCode?: string | null; groupId?: string | null; personId: string }): Promise<string> {
  if (p.schoolCode) return (await getSchool(ctx.db, p.schoolCode)).countyCode;
  if (p.groupId) return (await getGroup(ctx.db, p.groupId)).localityCode;
  return (await getPerson(ctx.db, p.personId)).localityCode;
}

export function addPostSchema({ builder, refs }: PluginSchemaApi) {
  const { Post, Person, School, SchoolGroup, Stage } = refs;

  builder.node(Post, {
    tag: PROVINCIAL_TAG,
    description: '职务 — a person’s role at a school or a group, for a period.',
    id: { resolve: (p) => p.id },
    loadMany: loadNodes(postLoader),
    fields: (t) => ({
      postId: t.exposeID('id', { description: 'The raw identifier (UUID); `id` is the Relay global ID. updatePost and archivePost take either.' }),
      role: t.exposeString('role', { description: 'PRINCIPAL, VICE_PRINCIPAL, TEACHER … or a plugin’s role (BEIHAI_XUEQU_HEAD …). See `roles`.' }),
      roleTitle: t.string({ description: 'The role’s name in the caller’s language (校长, 学区长 …).', resolve: (p, _, ctx) => { const r = ctx.registry.roles.get(p.role); return r ? localised(ctx, r.title) : p.role; } }),
      person: t.field({ type: Person, description: 'Who holds the post.', resolve: (p, _, ctx) => present(personLoader(ctx).now(p.personId)) }),
      school: t.field({ type: School, nullable: true, description: 'The school the post is held at; null for a post held only at a group.', resolve: (p, _, ctx) => (p.schoolCode ? schoolLoader(ctx).now(p.schoolCode) : null) }),
      group: t.field({ type: SchoolGroup, nullable: true, description: 'The group (学区, 总校 …) the post is held at; null for a post held only at a school.', resolve: (p, _, ctx) => (p.groupId ? schoolGroupLoader(ctx).now(p.groupId) : null) }),
      stage: t.field({ type: Stage, nullable: true, description: 'The stage taught, in a school of several stages.', resolve: (p) => p.stage as never }),
      validFrom: t.field({ type: 'Date', description: 'First day in post (任职日期).', resolve: (p) => p.validFrom }),
      validTo: t.field({ type: 'Date', nullable: true, description: 'Last day in post; null while still held.', resolve: (p) => p.validTo }),
    }),
  });

  const RoleInfo = builder.objectRef<{ id: string; title: { zh: string; en: string }; heldAt: string; pluginId: string }>('Role').implement({
    description: 'A role a post can have. Core registers the school roles; each regime adds its own.',
    fields: (t) => ({
      id: t.exposeString('id', { description: 'The role id that `Post.role` and `createPost` use, e.g. PRINCIPAL or BEIHAI_XUEQU_HEAD.' }),
      title: t.string({ description: 'The role’s name in the caller’s language (校长, 学区长 …).', resolve: (r, _, ctx) => localised(ctx, r.title) }),
      heldAt: t.exposeString('heldAt', { description: 'SCHOOL, GROUP or EITHER.' }),
      plugin: t.exposeString('pluginId', { description: '`core` or the plugin that registered it.' }),
    }),
  });
  builder.queryField('roles', (t) => t.field({ type: [RoleInfo], description: 'Every role known to this deployment.', resolve: (_, __, ctx) => [...ctx.registry.roles.values()] }));

  const PostPayload = payloadType(builder, 'PostPayload', 'post', Post, 'The result of a post mutation.');
  const zRole = z.string().trim().min(1).max(100);
  const CreatePostInput = builder.inputType('CreatePostInput', {
    description: 'Appoint a person to a role. A post is held at a school, a group or both, as the role’s `heldAt` requires.',
    fields: (t) => ({
      personId: t.id({ required: true, validate: zPersonId, description: 'The person appointed: their Relay global ID or UUID (`personId`).' }),
      role: t.string({ required: true, validate: zRole, description: 'A role id from `roles`, e.g. PRINCIPAL or TEACHER.' }),
      schoolCode: t.field({ type: 'SchoolCode', validate: zSchoolCode, description: 'The school the post is held at; required for a role held at a school.' }),
      groupId: t.id({ validate: zGroupId, description: 'The group the post is held at (its Relay global ID or `groupId`); required for a role held at a group.' }),
      stage: t.field({ type: Stage, description: 'The stage taught, in a school of several stages (balance indicators split teachers by it).' }),
      validFrom: t.field({ type: 'Date', required: true, validate: zDate, description: 'First day in post.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day in post, if known; not before validFrom. Omitted: held until ended.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const UpdatePostInput = builder.inputType('UpdatePostInput', {
    description: 'Change a post; to end it, set `validTo` to its last day. Omitted fields stay as they are; only stage and validTo can be cleared with null.',
    validate: zNotNull('role', 'validFrom'),
    fields: (t) => ({
      id: t.id({ required: true, validate: zPostId, description: 'The post’s Relay global ID or its UUID (`postId`).' }),
      role: t.string({ validate: zRole, description: 'A new role id from `roles`; the school/group requirement is checked again.' }),
      stage: t.field({ type: Stage, description: 'A new stage taught.' }),
      validFrom: t.field({ type: 'Date', validate: zDate, description: 'A corrected first day in post.' }),
      validTo: t.field({ type: 'Date', validate: zDate, description: 'Last day in post: set it to end the post.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ArchivePostInput = builder.inputType('ArchivePostInput', {
    description: 'Remove a post recorded in error (to end a real post, set its validTo).',
    fields: (t) => ({ id: t.id({ required: true, validate: zPostId, description: 'The post’s Relay global ID or its UUID (`postId`).' }), exceptions: exceptionsInputField(t, refs) }),
  });

  builder.mutationFields((t) => ({
    createPost: t.field({
      type: PostPayload,
      description: 'Appoint a person to a role at a school or group.',
      args: { input: t.arg({ type: CreatePostInput, required: true, description: 'The person, role, place and period.' }) },
      resolve: async (_, { input }, ctx) => {
        const { exceptions, ...data } = input;
        await getPerson(ctx.db, data.personId);
        const localityCode = await postLocality(ctx, data);
        return runMutation(ctx, { operation: 'createPost', localityCode, fields: Object.keys(input), exceptions }, async (tx) => {
          const row = await createPost(tx, ctx.registry, data);
          return { result: { post: row }, changes: [{ entity: 'Post', key: row.id }] };
        });
      },
    }),
    updatePost: t.field({
      type: PostPayload,
      description: 'Change a post’s role, stage or period; set `validTo` to end it. The role’s school/group requirement is checked again.',
      args: { input: t.arg({ type: UpdatePostInput, required: true, description: 'The post and the fields to change.' }) },
      resolve: async (_, { input }, ctx) => {
        const { id, exceptions, ...patch } = input;
        const current = await getPost(ctx.db, id);
        const localityCode = await postLocality(ctx, current);
        return runMutation(ctx, { operation: 'updatePost', localityCode, fields: Object.keys(input), exceptions }, async (tx) => {
          const row = await updatePost(tx, ctx.registry, id, patch as Partial<PostRow>);
          return { result: { post: row }, changes: [{ entity: 'Post', key: row.id }] };
        });
      },
    }),
    archivePost: t.field({
      type: PostPayload,
      description: 'Remove a post recorded in error: it no longer appears on any date. To end a real post, set its `validTo` with updatePost.',
      args: { input: t.arg({ type: ArchivePostInput, required: true, description: 'The post to remove.' }) },
      resolve: async (_, { input }, ctx) => {
        const current = await getPost(ctx.db, input.id);
        const localityCode = await postLocality(ctx, current);
        return runMutation(ctx, { operation: 'archivePost', localityCode, fields: ['id'], exceptions: input.exceptions }, async (tx) => {
          const row = await archivePost(tx, current.id);
          return { result: { post: row }, changes: [{ entity: 'Post', key: row.id }] };
        });
      },
    }),
  }));
}
