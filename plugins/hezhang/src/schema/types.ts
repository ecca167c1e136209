import type { PluginSchemaApi } from '@gongzhi/core';
import { addPupilTypes } from './pupils.js';
import { addPairingTypes } from './pairings.js';
import { addGroupTypes } from './groups.js';
import { addRecordTypes } from './records.js';

/** The regime's GraphQL types; every type and field is described (API.md). */
export function addTypes(api: PluginSchemaApi) {
  const pairing = addPairingTypes(api);
  return { ...addPupilTypes(api), ...pairing, ...addGroupTypes(api, pairing), ...addRecordTypes(api) };
}

export type HezhangTypes = ReturnType<typeof addTypes>;
