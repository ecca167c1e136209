/**
 * A locality's options for the national balance rules (balance/options.ts): `Locality.balanceOptions`
 * and the two mutations that set and clear them. Typed fields, not JSON: the defaults and their
 * sources stand in the field descriptions.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { PluginSchemaApi } from './api.js';
import { parseInput, zDivisionCode } from '../validation.js';
import { runMutation } from '../mutation.js';
import { localityGovernance } from '../tables.js';
import { getLocality, localityLoader } from '../repos/localities.js';
import { notFound } from '../errors.js';
import { BALANCE_OPTIONS_ID, balanceOptions, balanceOptionsLoader, type BalanceOptionsInEffect } from '../balance/options.js';
import { exceptionsInputField, payloadType } from './helpers.js';

export function addBalanceOptionsSchema({ builder, refs }: PluginSchemaApi) {
  const { Locality, ExchangeKind } = refs;
  const BalanceOptionsRef = builder.objectRef<BalanceOptionsInEffect & { viewedFrom: string }>('BalanceOptions').implement({
    description:
      'How the national exchange rule (core.exchange-rate, 教督〔2017〕6号 第七条（十一）) counts at a locality: who is eligible for exchange (符合交流条件) and which kinds count. Set with `setBalanceOptions`; inherited from the nearest division above that set them (that setting as a whole; what it leaves out takes the defaults). The thresholds (10%, 20%) are national and not options.',
    fields: (t) => ({
      exchangeMinYearsAtSchool: t.int({ description: 'Consecutive years a full-time teacher (专任教师, a TEACHER post) has taught at the same school on 1 September to be eligible; posts at one school that abut or overlap are one stretch. Default 6 (教师〔2014〕4号). 0: every teacher in post during the year is eligible.', resolve: (o) => o.options.exchangeMinYearsAtSchool }),
      exchangeMaxAgeMale: t.int({ nullable: true, description: 'The oldest age (周岁 on 1 September) at which a man is still eligible; null: no limit (default). A teacher with no birth date recorded is not excluded.', resolve: (o) => o.options.exchangeMaxAgeMale }),
      exchangeMaxAgeFemale: t.int({ nullable: true, description: 'The oldest age (周岁 on 1 September) at which a woman is still eligible; null: no limit (default). A teacher with no birth date recorded is not excluded.', resolve: (o) => o.options.exchangeMaxAgeFemale }),
      exchangeKinds: t.field({ type: [ExchangeKind], description: 'The exchange kinds counted as exchanged. Default [ROTATION] (交流轮岗, what 第七条（十一） names).', resolve: (o) => o.options.exchangeKinds as never }),
      setAt: t.field({ type: Locality, nullable: true, description: 'Where these options were set: this locality or a division above; null when the national defaults apply.', resolve: async (o, _, ctx) => (o.setAt ? localityLoader(ctx).load(o.setAt) : null) }),
      isInherited: t.boolean({ description: 'True when set at a division above, or not set anywhere (the defaults).', resolve: (o) => o.setAt !== o.viewedFrom }),
      overrides: t.field({ type: 'JSON', description: 'Only what `setAt` set (empty for the defaults).', resolve: (o) => o.overrides }),
    }),
  });

  builder.objectFields(Locality, (t) => ({
    balanceOptions: t.field({
      type: BalanceOptionsRef,
      description: 'The options of the national exchange rule in force here (core.exchange-rate and `balanceReport { exchangeRate }`): set here, inherited from above, or the defaults.',
      resolve: async (l, _, ctx) => ({ ...(await balanceOptionsLoader(ctx).load(l.code)), viewedFrom: l.code }),
    }),
  }));

  const Payload = payloadType(builder, 'BalanceOptionsPayload', 'locality', Locality, 'The result of a balance-options mutation: the locality, whose `balanceOptions` shows what is now in force.');
  const SetInput = builder.inputType('SetBalanceOptionsInput', {
    description: 'The balance options a locality sets for itself and the divisions inside it. They replace any it set before; an omitted option takes the default (not a value from above).',
    fields: (t) => ({
      localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The locality setting them (admin role over it); divisions inside it inherit them unless they set their own.' }),
      exchangeMinYearsAtSchool: t.int({ description: 'Consecutive years at the same school on 1 September to be eligible for exchange, 0–40. Default 6; 0: every teacher is eligible.' }),
      exchangeMaxAgeMale: t.int({ description: 'The oldest age (周岁, 18–70) at which a man is still eligible; omitted or null: no limit.' }),
      exchangeMaxAgeFemale: t.int({ description: 'The oldest age (周岁, 18–70) at which a woman is still eligible; omitted or null: no limit.' }),
      exchangeKinds: t.field({ type: [ExchangeKind], description: 'The exchange kinds counted, at least one, none twice. Default [ROTATION].' }),
      exceptions: exceptionsInputField(t, refs),
    }),
  });
  const ResetInput = builder.inputType('ResetBalanceOptionsInput', {
    description: 'Clear the balance options a locality set: it inherits from above again (or takes the defaults).',
    fields: (t) => ({ localityCode: t.field({ type: 'DivisionCode', required: true, validate: zDivisionCode, description: 'The locality that set them (not one that only inherits them).' }), exceptions: exceptionsInputField(t, refs) }),
  });

  builder.mutationFields((t) => ({
    setBalanceOptions: t.field({
      type: Payload,
      description: 'A bureau sets who is eligible for exchange (符合交流条件) and which kinds count, for the national exchange rule at its locality and below. Validated: BAD_USER_INPUT names the field, and nothing is written.',
      args: { input: t.arg({ type: SetInput, required: true, description: 'The locality and the options.' }) },
      resolve: async (_, { input }, ctx) => {
        const { localityCode: code, exceptions, ...given } = input;
        // The options are checked against their one schema (balance/options.ts), which also gives the defaults.
        // Only what was given is stored (null is "no value"): later default changes reach the rest.
        const overrides = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null && v !== undefined));
        parseInput(balanceOptions, overrides, 'input');
        return runMutation(ctx, { operation: 'setBalanceOptions', localityCode: code, needsAdmin: true, fields: ['localityCode', ...Object.keys(overrides)], exceptions }, async (tx) => {
          const locality = await getLocality(tx, code);
          await tx
            .insert(localityGovernance)
            .values({ localityCode: code, pluginId: BALANCE_OPTIONS_ID, options: overrides })
            .onConflictDoUpdate({ target: [localityGovernance.localityCode, localityGovernance.pluginId], set: { options: overrides, disabledAt: null, enabledAt: new Date() } });
          return { result: { locality }, changes: [{ entity: 'Governance', key: `${code}:${BALANCE_OPTIONS_ID}` }] };
        });
      },
    }),
    resetBalanceOptions: t.field({
      type: Payload,
      description: 'Clear a locality’s own balance options: it inherits them from above again, or takes the defaults. NOT_FOUND when it set none.',
      args: { input: t.arg({ type: ResetInput, required: true, description: 'The locality.' }) },
      resolve: async (_, { input }, ctx) => {
        const code = input.localityCode;
        return runMutation(ctx, { operation: 'resetBalanceOptions', localityCode: code, needsAdmin: true, fields: ['localityCode'], exceptions: input.exceptions }, async (tx) => {
          const locality = await getLocality(tx, code);
          const rows = await tx
            .update(localityGovernance)
            .set({ disabledAt: new Date() })
            .where(and(eq(localityGovernance.localityCode, code), eq(localityGovernance.pluginId, BALANCE_OPTIONS_ID), isNull(localityGovernance.disabledAt)))
            .returning();
          if (rows.length === 0) throw notFound('BalanceOptions', code, 'input.localityCode');
          return { result: { locality }, changes: [{ entity: 'Governance', key: `${code}:${BALANCE_OPTIONS_ID}` }] };
        });
      },
    }),
  }));
}
