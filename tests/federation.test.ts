import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';

/**
 * The printed SDL is a valid Federation v2 subgraph: it composes into a supergraph beside a
 * provincial subgraph that extends School by its national code.
 */
const sdl = fs.readFileSync(fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)), 'utf8');

describe('federation', () => {
  it('composes with a provincial subgraph keyed on School.code and Locality.code', () => {
    const province = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type School @key(fields: "code") { code: SchoolCode! provincialRating: Int }
      type Locality @key(fields: "code") { code: DivisionCode! population: Int }
      scalar SchoolCode
      scalar DivisionCode
      type Query { topSchools: [School!]! }
    `);
    const result = composeServices([
      { name: 'gongzhi', typeDefs: parse(sdl), url: 'http://gongzhi.local/graphql' },
      { name: 'province', typeDefs: province, url: 'http://province.local/graphql' },
    ]);
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('provincialRating');
  });

  it('keys entities on national identifiers, never on personal data', () => {
    expect(sdl).toMatch(/type School implements Node\s*@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Locality implements Node\s*@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Person implements Node\s*@key\(fields: "id"\)/);
    expect(sdl).not.toMatch(/@key\(fields: "[^"]*(idNumber|phone|birthDate)/);
  });
});
