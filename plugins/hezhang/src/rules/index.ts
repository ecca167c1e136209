import type { RuleDefinition } from '@gongzhi/core';
import type { HezhangOptions } from '../options.js';
import { planFiled } from './plans.js';

/** Every rule of the regime, one file per concern of the document. */
export const hezhangRules: RuleDefinition<HezhangOptions>[] = [planFiled];
