import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, print } from 'graphql';
import { composeServices } from '@apollo/composition';

/**
 * The printed SDL is a valid Federation v2 subgraph: it composes into a supergraph beside a
 * provincial subgraph that extends School by its national code.
 */
const sdl = fs.readFileSync(fileURLToPath(new URL('../schema/schema.graphql', import.meta.url)), 'utf8');

describe('federation', () => {
  it('composes with a provincial subgraph that keys School, Locality and Person on plain String / ID fields', () => {
    const province = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
      type School @key(fields: "code") { code: String! provincialRating: Int }
      type Locality @key(fields: "code") { code: String! population: Int }
      type Person @key(fields: "id") { id: ID! talentProgramme: String }
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

  it('types every key field as every system types it: String! or ID!, never one of our scalars (API.md "Identity and lists")', () => {
    const doc = parse(sdl);
    const keyed: string[] = [];
    for (const def of doc.definitions) {
      if (def.kind !== 'ObjectTypeDefinition') continue;
      for (const d of def.directives ?? []) {
        if (d.name.value !== 'key') continue;
        const fields = (d.arguments?.find((a) => a.name.value === 'fields')?.value as { value: string }).value.split(/\s+/);
        for (const f of fields) {
          const field = def.fields?.find((x) => x.name.value === f);
          keyed.push(`${def.name.value}.${f}: ${field ? print(field.type) : '?'}`);
        }
      }
    }
    expect(keyed.sort()).toEqual(['Locality.code: String!', 'Person.id: ID!', 'School.code: String!']);
  });
});
