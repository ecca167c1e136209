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
  };
}

export type CoreRefs = ReturnType<typeof createCoreRefs>;
