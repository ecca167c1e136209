import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, print, type DirectiveNode, type InterfaceTypeDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { buildSchema } from '@gongzhi/core';
import { startTestServer, type TestServer } from '@gongzhi/server/testing';
import beihai from '@gongzhi/plugin-beihai';
import { LOCALITIES } from './fixtures.js';
import { composePublished, SUPERGRAPH_FILE } from './supergraph-print.js';

/**
 * schema/supergraph/: our subgraph (schema/schema.graphql) and an example provincial subgraph
 * (province.graphql: School, Locality and Person keyed by plain String / ID fields) compose with
 * @apollo/composition, and queries through @apollo/gateway join them (issue 15). The provincial
 * subgraph is served by @apollo/subgraph; ours is the real server over a fresh database, with
 * Beihai installed and its seed's 学区 in place.
 */
const read = (f: string) => fs.readFileSync(fileURLToPath(new URL(f, import.meta.url)), 'utf8');
const provinceSdl = read('../schema/supergraph/province.graphql');

let s: TestServer;
let province: ApolloServer;
let gateway: ApolloServer;
let gatewayUrl: string;
let schoolCodes: string[];
let personId: string;
/** Our subgraph's SDL as the test server serves it (core and Beihai): what a router composes. */
let gongzhiSdl: string;

function compose(gongzhiSdl: string, provinceUrl: string, gongzhiUrl: string) {
  return composeServices([
    { name: 'gongzhi', typeDefs: parse(gongzhiSdl), url: gongzhiUrl },
    { name: 'province', typeDefs: parse(provinceSdl), url: provinceUrl },
  ]);
}

async function viaGateway(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

beforeAll(async () => {
  s = await startTestServer({ plugins: [beihai], localities: LOCALITIES, governance: [{ locality: '450500', plugin: 'beihai', options: {} }] });
  gongzhiSdl = printSubgraphSchema(buildSchema(s.registry));
  // The province's register: some of Beihai's schools (those in a 学区, from the seed), one person.
  const seeded = await s.gql(`{ schools(filter: { localityCode: "450500" }, first: 100) { nodes { code beihaiXuequ { groupId } } } }`);
  schoolCodes = seeded.data.schools.nodes.filter((n: any) => n.beihaiXuequ).slice(0, 3).map((n: any) => n.code);
  const p = await s.gql(`mutation { createPerson(input: { name: "李华", gender: FEMALE, qualification: BACHELOR, title: SENIOR, backboneLevel: COUNTY, subjects: ["语文"], localityCode: "450502" }) { person { id } } }`);
  personId = p.data.createPerson.person.id;
  await s.gql(`mutation($i: CreatePostInput!) { createPost(input: $i) { post { postId } } }`, { i: { personId, role: 'TEACHER', schoolCode: schoolCodes[0], validFrom: '2020-09-01' } });

  const grades = new Map(schoolCodes.map((c, i) => [c, i + 1]));
  province = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(provinceSdl),
      resolvers: {
        Query: {
          inspectedSchools: () => schoolCodes.map((code) => ({ code })),
          reviewedCounties: () => [{ code: '450502' }, { code: '450503' }],
          talents: () => [{ id: personId }],
        },
        School: { __resolveReference: (r: { code: string }) => ({ code: r.code }), provincialGrade: (r: { code: string }) => grades.get(r.code) ?? 4 },
        Locality: { population: (r: { code: string }) => (r.code === '450502' ? 750_000 : 260_000) },
        Person: { talentProgramme: () => '八桂青年拔尖人才' },
      } as never,
    }),
  });
  const { url: provinceUrl } = await startStandaloneServer(province, { listen: { port: 0 } });
  const composed = compose(gongzhiSdl, provinceUrl, s.url);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  // The integrator's service account; the gateway forwards it to our subgraph only.
  const token = await s.token({ sub: 'province-router', roles: ['viewer'], localities: ['450000'], pii: [] });
  const gw = new ApolloGateway({
    supergraphSdl: composed.supergraphSdl,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest: ({ request }) => {
          if (url === s.url) request.http?.headers.set('authorization', `Bearer ${token}`);
        },
      }),
  });
  gateway = new ApolloServer({ gateway: gw });
  gatewayUrl = (await startStandaloneServer(gateway, { listen: { port: 0 } })).url;
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await province?.stop();
  await s?.close();
});

describe('supergraph: our subgraph and a provincial one with plain String keys', () => {
  it('composes: the provincial subgraph knows none of our scalars', () => {
    expect(print(parse(provinceSdl))).not.toMatch(/SchoolCode|DivisionCode|scalar/);
    const r = compose(gongzhiSdl, 'http://province.local/graphql', 'http://gongzhi.local/graphql');
    expect(r.errors?.map((e) => e.message) ?? []).toEqual([]);
  });

  it('a typed key would not compose: School.code must be String! in both (the failure this guards against)', () => {
    const clash = provinceSdl.replace('code: String! @tag(name: "provincial")\n  "The province', 'code: Int! @tag(name: "provincial")\n  "The province');
    const r = compose(gongzhiSdl, 'http://p', 'http://g');
    expect(r.errors).toBeUndefined();
    const bad = composeServices([
      { name: 'gongzhi', typeDefs: parse(gongzhiSdl), url: 'http://g' },
      { name: 'province', typeDefs: parse(clash), url: 'http://p' },
    ]);
    expect(bad.errors?.map((e) => e.message).join('\n')).toMatch(/School\.code/);
  });

  it('joins School: the province’s schools with our 学区 groups, compliance status and Beihai’s plugin field', async () => {
    const r = await viaGateway(`{
      inspectedSchools {
        code provincialGrade name county { code name }
        groups { __typename groupId name }
        beihaiXuequ { name }
        compliance(schoolYear: "2024-2025") { status totals { pass fail warn notApplicable } }
      }
    }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.inspectedSchools).toHaveLength(schoolCodes.length);
    expect(schoolCodes.length).toBeGreaterThan(0);
    for (const [i, school] of r.data.inspectedSchools.entries()) {
      expect(school.code).toBe(schoolCodes[i]);
      expect(school.provincialGrade).toBe(i + 1);
      expect(school.name).toMatch(/\S/);
      expect(school.county.code).toMatch(/^4505/);
      expect(school.groups.some((g: any) => g.__typename === 'BeihaiXuequ')).toBe(true);
      expect(school.beihaiXuequ.name).toMatch(/学区/);
      const t = school.compliance.totals;
      expect(t.pass + t.fail + t.warn + t.notApplicable).toBeGreaterThan(0);
      expect(['PASS', 'FAIL', 'WARN', 'NOT_APPLICABLE']).toContain(school.compliance.status);
    }
  });

  it('joins Locality: the province’s counties with our names and schools', async () => {
    const r = await viaGateway(`{ reviewedCounties { code population name level parent { code } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.reviewedCounties).toEqual([
      { code: '450502', population: 750_000, name: '海城区', level: 'COUNTY', parent: { code: '450500' } },
      { code: '450503', population: 260_000, name: '银海区', level: 'COUNTY', parent: { code: '450500' } },
    ]);
  });

  it('joins Person on the id Person.id returns', async () => {
    const r = await viaGateway(`{ talents { id talentProgramme name backboneLevel posts { role school { code } } } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.talents).toEqual([{ id: personId, talentProgramme: '八桂青年拔尖人才', name: '李华', backboneLevel: 'COUNTY', posts: [{ role: 'TEACHER', school: { code: schoolCodes[0] } }] }]);
  });

  it('personal fields are @inaccessible: the gateway refuses to ask for them at all', async () => {
    for (const field of ['idNumber', 'phone', 'birthDate']) {
      const r = await viaGateway(`{ talents { id ${field} } }`);
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });
});

describe('_entities: each entity type takes what our fields return; bad representations get typed errors', () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on School { code name } ... on Locality { code name } ... on Person { id name } } }`;
  const entities = (r: unknown[]) => s.gql(ENTITIES, { r }, { token: null });

  it('resolves School by code, Locality by code and Person by the id Person.id returns (or its UUID)', async () => {
    const uuid = (await s.gql(`query($id: ID!) { person(id: $id) { personId } }`, { id: personId })).data.person.personId;
    const r = await entities([
      { __typename: 'School', code: schoolCodes[0] },
      { __typename: 'Locality', code: '450502' },
      { __typename: 'Person', id: personId },
      { __typename: 'Person', id: uuid },
    ]);
    expect(r.errors).toBeUndefined();
    expect(r.data._entities).toMatchObject([
      { __typename: 'School', code: schoolCodes[0] },
      { __typename: 'Locality', code: '450502', name: '海城区' },
      { __typename: 'Person', id: personId, name: '李华' },
      { __typename: 'Person', id: personId, name: '李华' },
    ]);
  });

  it('a well-formed key that names nothing is null, as the federation spec asks', async () => {
    const r = await entities([
      { __typename: 'School', code: '2199999999' },
      { __typename: 'Locality', code: '990000' },
      { __typename: 'Person', id: '00000000-0000-4000-8000-000000000000' },
    ]);
    expect(r.errors).toBeUndefined();
    expect(r.data._entities).toEqual([null, null, null]);
  });

  it('unknown __typename, a non-entity type, a Relay id of the wrong type, a malformed code and garbage: BAD_USER_INPUT at their index, the rest resolve', async () => {
    const schoolRelayId = (await s.gql(`{ school(code: "${schoolCodes[0]}") { id } }`)).data.school.id;
    const r = await entities([
      { __typename: 'Teacher', id: 'x' },
      { __typename: 'Post', id: personId },
      { __typename: 'Person', id: schoolRelayId },
      { __typename: 'School', code: '12345' },
      { __typename: 'Locality', code: 450502 },
      { __typename: 'Person' },
      'garbage',
      { __typename: 'School', code: schoolCodes[0] },
    ]);
    expect(r.status).toBe(200);
    expect(r.data._entities.slice(0, 7)).toEqual([null, null, null, null, null, null, null]);
    expect(r.data._entities[7]).toMatchObject({ code: schoolCodes[0] });
    const byIndex = Object.fromEntries((r.errors ?? []).map((e) => [e.path?.[1], e.extensions]));
    expect(byIndex).toMatchObject({
      0: { code: 'BAD_USER_INPUT', field: 'representations[0].__typename' },
      1: { code: 'BAD_USER_INPUT', field: 'representations[1].__typename' },
      2: { code: 'BAD_USER_INPUT', field: 'representations[2].id' },
      3: { code: 'BAD_USER_INPUT', field: 'representations[3].code' },
      4: { code: 'BAD_USER_INPUT', field: 'representations[4].code' },
      5: { code: 'BAD_USER_INPUT', field: 'representations[5].id' },
      6: { code: 'BAD_USER_INPUT', field: 'representations[6]' },
    });
    expect(JSON.stringify(r.errors)).not.toMatch(/INTERNAL_SERVER_ERROR/);
  });
});

describe('the published supergraph (schema/supergraph/supergraph.graphql): contracts', () => {
  const composed = composePublished();
  const api = () => composed.schema!.toAPISchema().toGraphQLJSSchema();

  it('is current: npm run schema:print (or supergraph:print) composes schema/schema.graphql with province.graphql', () => {
    expect(composed.errors).toBeUndefined();
    const printed = composed.supergraphSdl!;
    expect(read('../schema/supergraph/supergraph.graphql')).toBe(printed.endsWith('\n') ? printed : `${printed}\n`);
    expect(SUPERGRAPH_FILE).toMatch(/supergraph\.graphql$/);
  });

  it('personal fields are @inaccessible: the API schema a router serves has no ID number, phone or birth date', () => {
    const person = api().getType('Person') as import('graphql').GraphQLObjectType;
    const fields = Object.keys(person.getFields());
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'backboneLevel', 'talentProgramme']));
    for (const f of ['idNumber', 'phone', 'birthDate']) expect(fields).not.toContain(f);
  });

  it('every personal field of core and the plugins is @inaccessible: a pupil’s name and guardian, the pupils of a school, a pay amount are not in the API schema a router serves', () => {
    // Personal by its own description: "— personal", "Personal:", or "null without the `pii` scope".
    const personal = /null without the `pii` scope|(^|— )personal\b|^Personal:/i;
    const subgraph = parse(read('../schema/schema.graphql'));
    const served = api();
    const found: string[] = [];
    for (const d of subgraph.definitions) {
      if ((d.kind !== 'ObjectTypeDefinition' && d.kind !== 'ObjectTypeExtension') || d.name.value === 'Mutation') continue;
      for (const f of d.fields ?? []) if (personal.test(f.description?.value ?? '')) found.push(`${d.name.value}.${f.name.value}`);
    }
    // The test reads what it means to: the fields of three regimes and core's.
    expect(found).toEqual(expect.arrayContaining(['Person.idNumber', 'HezhangPupil.name', 'HezhangPupil.guardianPhone', 'HezhangAfterSchoolEnrolment.pupil', 'Query.hezhangPupils', 'SanmingPayRecord.amountFen']));
    const reachable = found.filter((path) => {
      const [type, field] = path.split('.') as [string, string];
      const t = served.getType(type) as import('graphql').GraphQLObjectType | undefined;
      return !!t && field in t.getFields();
    });
    expect(reachable).toEqual([]);
  });

  it('@tag(name: "provincial") marks what a provincial contract may expose, and nothing personal or writing', () => {
    const doc = parse(read('../schema/supergraph/supergraph.graphql'));
    const tagged = (node: { directives?: readonly DirectiveNode[] }) =>
      (node.directives ?? []).some((d) => d.name.value === 'tag' && d.arguments?.some((a) => a.value.kind === 'StringValue' && a.value.value === 'provincial'));
    const types = doc.definitions.filter((d): d is ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode => d.kind === 'ObjectTypeDefinition' || d.kind === 'InterfaceTypeDefinition');
    expect(types.filter(tagged).map((t) => t.name.value)).toEqual(expect.arrayContaining(['School', 'Locality', 'Person', 'SchoolGroup', 'Post', 'SchoolCompliance', 'GroupMembership']));
    const fieldsOf = (name: string) => types.find((t) => t.name.value === name)!.fields ?? [];
    const taggedRoots = fieldsOf('Query').filter(tagged).map((f) => f.name.value);
    expect(taggedRoots).toEqual(expect.arrayContaining(['school', 'schools', 'locality', 'localities', 'person', 'people', 'schoolGroups', 'schoolGroup', 'inspectedSchools']));
    expect(taggedRoots).not.toContain('complianceReport');
    // Nothing personal is tagged, and no mutation: integrators read.
    expect(fieldsOf('Person').filter((f) => ['idNumber', 'phone', 'birthDate'].includes(f.name.value) && tagged(f))).toEqual([]);
    expect(fieldsOf('Mutation').filter(tagged).map((f) => f.name.value)).toEqual([]);
  });
});
