import type { RoleDefinition } from './plugin.js';

/** The posts every school has; plugins add their own (学区长, 执行校长 …). */
export const CORE_ROLES: RoleDefinition[] = [
  { id: 'PRINCIPAL', title: { zh: '校长', en: 'principal' }, heldAt: 'SCHOOL' },
  { id: 'PARTY_SECRETARY', title: { zh: '党组织书记', en: 'party secretary' }, heldAt: 'EITHER' },
  { id: 'VICE_PRINCIPAL', title: { zh: '副校长', en: 'vice-principal' }, heldAt: 'SCHOOL' },
  { id: 'MIDDLE_MANAGER', title: { zh: '中层干部', en: 'middle-level manager' }, heldAt: 'SCHOOL' },
  { id: 'TEACHER', title: { zh: '专任教师', en: 'full-time teacher' }, heldAt: 'SCHOOL' },
  { id: 'STAFF', title: { zh: '教辅及其他职工', en: 'support staff' }, heldAt: 'SCHOOL' },
];
