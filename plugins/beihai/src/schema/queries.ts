/** Beihai's queries: the 学区 of a locality, and one 学区 by id (core's regime shapes). */
import { addGroupQueries, type PluginSchemaApi } from '@gongzhi/core';
import { XUEQU_KIND } from '../repo.js';
import type { BeihaiRefs } from './types.js';

export function addQueries(api: PluginSchemaApi, { Xuequ }: BeihaiRefs) {
  addGroupQueries(api, {
    type: Xuequ,
    kind: XUEQU_KIND,
    word: '学区',
    list: { name: 'beihaiXuequs', description: '学区 of a locality (and the localities inside it), by name.', localityCode: 'The city (450500 for Beihai) or a district inside it.' },
    one: { name: 'beihaiXuequ', description: 'One 学区 by id.' },
  });
}
