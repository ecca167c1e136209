/**
 * Dated locality history in the schema: a locality's period and successor, a school's past
 * placements, and the merger of county-level divisions (撤并) as one audited mutation.
 */
import { z } from 'zod';
import type { PluginSchemaApi } from './api.js';
import { present } from '../loaders.js';
import { localityLoader } from '../repos/localities.js';
import { localityPredecessorsLoader, mergeLocalities, schoolPlacementsLoader, type SchoolPlacementRow } from '../repos/locality-history.js';
import { parseInput, zDate, zDivisionCode, zName } from '../validation.js';
import { runMutation } from '../mutation.js';
import { divisionParent } from '../codes.js';
import { exceptionsInputField, payloadType } from './helpers.js';
import type { LocalityRow } from '../repos/localities.js';

export function addLocalityHistorySchema({ builder, refs }: PluginSchemaApi) {
  const { Locality, School } = refs;

  builder.objectFields(Locality, (t) => ({
    validFrom: t.field({ type: 'Date', nullable: true, description: 'First day of the division under this code (设立); null when not recorded.', resolve: (l) => l.validFrom }),
    validTo: t.field({ type: 'Date', nullable: true, description: 'Last day of the division (撤销/撤并); null while it stands.', resolve: (l) => l.validTo }),
    isInForce: t.boolean({
      description: 'Whether the division exists on a date (today by default).',
      args: { asOf: t.arg({ type: 'Date', description: 'The day asked about; today when omitted.' }) },
      resolve: (l, args, ctx) => {
        const d = args.asOf ? parseInput(zDate, args.asOf, 'asOf') : ctx.today;
        return (!l.validFrom || l.validFrom <= d) && (!l.validTo || l.validTo >= d);
      },
    }),
    successor: t.field({ type: Locality, nullable: true, description: 'The division that took this one over when it ceased (e.g. 三元区 350404 for 梅列区 350402); null while it stands.', resolve: (l, _, ctx) => (l.successorCode ? localityLoader(ctx).now(l.successorCode) : null) }),
    predecessors: t.field({ type: [Locality], description: 'The divisions merged into this one (e.g. 梅列区 and the old 三元区 for 三元区 350404).', resolve: (l, _, ctx) => localityPredecessorsLoader(ctx).load(l.code) }),
  }));

  const SchoolPlacement = builder.objectRef<SchoolPlacementRow>('SchoolPlacement').implement({
    description: 'Where a school stood for a past period: its county, township and running bureau then (dated locality history).',
    fields: (t) => ({
      county: t.field({ type: Locality, description: 'The county-level division it was in.', resolve: (p, _, ctx) => present(localityLoader(ctx).now(p.countyCode)) }),
      township: t.field({ type: Locality, nullable: true, description: '乡/镇/街道 then; null when not recorded.', resolve: (p, _, ctx) => (p.townshipCode ? localityLoader(ctx).now(p.townshipCode) : null) }),
      authority: t.field({ type: Locality, nullable: true, description: 'The bureau that ran it then.', resolve: (p, _, ctx) => (p.authorityCode ? localityLoader(ctx).now(p.authorityCode) : null) }),
      validFrom: t.field({ type: 'Date', nullable: true, description: 'First day there; null when it stood there since before records.', resolve: (p) => p.validFrom }),
      validTo: t.field({ type: 'Date', description: 'Last day there.', resolve: (p) => p.validTo }),
    }),
  });

  builder.objectFields(School, (t) => ({
    placements: t.field({ type: [SchoolPlacement], description: 'Where the school stood before (moves and mergers of its county), oldest first; its current place is `county`.', resolve: (s, _, ctx) => schoolPlacementsLoader(ctx).load(s.code) }),
  }));

  const MergeInput = builder.inputType('MergeLocalitiesInput', {
    description: '撤并 — county-level divisions cease and one division takes them over on a date (e.g. 梅列区 350402 and 三元区 350403 into 三元区 350404, 2021).',
    fields: (t) => ({
      localityCodes: t.field({ type: ['DivisionCode'], required: true, validate: z.array(zDivisionCode).min(1).max(20), description: 'The divisions that cease (6-digit county-level codes of one city).' }),
      intoCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The division that takes them over: a new code, created when missing.' }),
      intoName: t.string({ required: true, validate: zName, description: 'Its official name, e.g. 三元区.' }),
      effectiveOn: t.field({ type: 'Date', required: true, validate: zDate, description: 'Its first day; the ceased divisions end the day before, and their schools keep their old place until then.' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const MergePayload = payloadType(builder, 'MergeLocalitiesPayload', 'locality', Locality, 'The division that took the others over.');

  builder.mutationFields((t) => ({
    mergeLocalities: t.field({
      type: MergePayload,
      description: 'Record a merger of county-level divisions (撤并, admin of the city above them). Their schools move to the new division and keep their old county as dated history: a question `asOf` a day before the merger still sees the old districts.',
      args: { input: t.arg({ type: MergeInput, required: true, description: 'The divisions that cease, the one that takes over, and the date.' }) },
      resolve: async (_, { input }, ctx) => {
        const data = input;
        const city = divisionParent(data.intoCode) ?? data.intoCode;
        return runMutation(ctx, { operation: 'mergeLocalities', localityCode: city, needsAdmin: true, fields: Object.keys(input), exceptions: input.exceptions }, async (tx) => {
          const out = await mergeLocalities(tx, { fromCodes: data.localityCodes, into: { code: data.intoCode, name: data.intoName }, effectiveOn: data.effectiveOn });
          return {
            result: { locality: out.into as LocalityRow },
            changes: [
              ...[...data.localityCodes, data.intoCode].map((code) => ({ entity: 'Locality', key: code })),
              // Each moved school is a change of place: the regimes of its groups judge it again.
              ...out.movedSchoolCodes.map((code) => ({ entity: 'School', key: code, fields: ['countyCode', 'townshipCode', 'authorityCode'] })),
            ],
          };
        });
      },
    }),
  }));
}
