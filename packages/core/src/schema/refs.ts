import type { GongzhiBuilder } from '../builder.js';
import type { LocalityRow } from '../repos/localities.js';
import type { SchoolRow, SchoolYearStatsRow } from '../repos/schools.js';
import type { PersonRow } from '../repos/people.js';
import type { PostRow } from '../repos/posts.js';
import type { GroupMemberRow, SchoolGroupRow } from '../repos/groups.js';
import type { ExchangeRow } from '../repos/exchanges.js';
import type { PlanRow } from '../repos/plans.js';
import { addEnums } from './enums.js';

/** Core's GraphQL types, handed to plugins so they can add fields and refer to them. */
export function createCoreRefs(builder: GongzhiBuilder) {
  return {
    ...addEnums(builder),
    Locality: builder.objectRef<LocalityRow>('Locality'),
    School: builder.objectRef<SchoolRow>('School'),
    SchoolYearStats: builder.objectRef<SchoolYearStatsRow>('SchoolYearStats'),
    Person: builder.objectRef<PersonRow>('Person'),
    Post: builder.objectRef<PostRow>('Post'),
    SchoolGroup: builder.interfaceRef<SchoolGroupRow>('SchoolGroup'),
    GroupMembership: builder.objectRef<GroupMemberRow>('GroupMembership'),
    Exchange: builder.objectRef<ExchangeRow>('Exchange'),
    Plan: builder.objectRef<PlanRow>('Plan'),
    RuleExceptionInput: builder.inputType('RuleExceptionInput', {
      description:
        'A recorded exception (例外) to a rule stated in principle (原则上 / 一般): the write goes through, the exception is stored and audited, and complianceReport shows it as a WARN. A rule not stated in principle refuses whatever exceptions come with the write.',
      fields: (t) => ({
        ruleId: t.string({ required: true, description: 'The id of the rule set aside (it must be stated in principle: see `Rule.inPrinciple`).' }),
        approvedBy: t.string({ required: true, description: '审批人 / 审批单位 — who approved the deviation (a person or a body).' }),
        documentRef: t.string({ required: true, description: '批准文件 — the number or reference of the approving document.' }),
        reason: t.string({ required: true, description: '理由 — why the deviation is allowed.' }),
      }),
    }),
  };
}

export type CoreRefs = ReturnType<typeof createCoreRefs>;
