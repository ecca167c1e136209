/** Beihai's queries: the 学区 of a locality, and one 学区 by id. */
import { asOfOrToday, listGroups, parseInput, schoolGroupLoader, uuidOf, zDivisionCode, type PluginSchemaApi } from '@gongzhi/core';
import { XUEQU_KIND } from '../repo.js';
import type { BeihaiRefs } from './types.js';

export function addQueries({ builder }: PluginSchemaApi, { Xuequ }: BeihaiRefs) {
  builder.queryFields((t) => ({
    beihaiXuequs: t.field({
      type: [Xuequ],
      description: '学区 of a locality (and the localities inside it), by name.',
      args: {
        localityCode: t.arg({ type: 'DivisionCode', required: true, description: 'The city (450500 for Beihai) or a district inside it.' }),
        asOf: t.arg({ type: 'Date', description: 'Only 学区 in force on this date.' }),
      },
      resolve: (_, args, ctx) =>
        listGroups(ctx.db, { localityCode: parseInput(zDivisionCode, args.localityCode, 'localityCode'), kind: XUEQU_KIND, asOf: args.asOf ? asOfOrToday(ctx, args.asOf) : null }),
    }),
    beihaiXuequ: t.field({
      type: Xuequ,
      nullable: true,
      description: 'One 学区 by id.',
      args: { id: t.arg.id({ required: true, description: 'The 学区’s Relay global ID or its UUID (`groupId`).' }) },
      resolve: async (_, { id }, ctx) => {
        const uuid = uuidOf(String(id));
        const g = uuid ? await schoolGroupLoader(ctx).load(uuid) : null;
        return g && g.kind === XUEQU_KIND && !g.archivedAt ? g : null;
      },
    }),
  }));
}
