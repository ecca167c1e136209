import type { RuleDefinition } from '@gongzhi/core';
import type { HezhangOptions } from '../options.js';

/** Every rule of the main text and annex 2, one file per concern, in the catalogue's order. */
export const hezhangRules: RuleDefinition<HezhangOptions>[] = [];
