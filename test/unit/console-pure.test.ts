// The console's pure parts: the message catalogue (same keys in both languages), text differences, the ring graph.
import { expect } from 'chai';
import { en, zh } from '../../web/messages.js';
import { diffTexts } from '../../web/text-diff.js';
import { ringGraphModel } from '../../web/ring-graph-model.js';
import type { RingReport } from '../../web/api-types.js';

describe('console: message catalogue', () => {
  it('has the same keys in Chinese and English, none empty', () => {
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(zh).sort());
    for (const [k, v] of [...Object.entries(zh), ...Object.entries(en)]) expect(v.trim(), k).not.to.equal('');
  });

  it('uses the same placeholders in both languages', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zh) as (keyof typeof zh)[])
      expect(params(en[k]), k).to.deep.equal(params(zh[k]));
  });

  it('writes the Chinese catalogue in Chinese', () => {
    const latinOnly = Object.entries(zh).filter(
      ([k, v]) => !/[\u4e00-\u9fff]/.test(v) && k !== 'lang.switch',
    );
    // role names of the API and the product name stay Latin in both
    expect(latinOnly.map(([k]) => k)).to.deep.equal([]);
  });
});

describe('console: diffTexts', () => {
  it('marks nothing in identical texts', () => {
    const d = diffTexts('本人要求退还息费', '本人要求退还息费');
    expect(d.a).to.deep.equal([{ text: '本人要求退还息费', same: true }]);
    expect(d.b).to.deep.equal([{ text: '本人要求退还息费', same: true }]);
  });

  it('marks the characters a drafter changed (a name, a homophone) in each text', () => {
    const d = diffTexts('本人张三要求退还保费', '本人李四要求退还葆费');
    expect(d.a.filter((s) => !s.same).map((s) => s.text)).to.deep.equal(['张三', '保']);
    expect(d.b.filter((s) => !s.same).map((s) => s.text)).to.deep.equal(['李四', '葆']);
    expect(d.a.map((s) => s.text).join('')).to.equal('本人张三要求退还保费');
  });

  it('handles an empty side and characters outside the BMP', () => {
    expect(diffTexts('', 'abc').b).to.deep.equal([{ text: 'abc', same: false }]);
    expect(diffTexts('a𠀀b', 'ab').a).to.deep.equal([
      { text: 'a', same: true },
      { text: '𠀀', same: false },
      { text: 'b', same: true },
    ]);
  });
});

describe('console: ringGraphModel', () => {
  const ring = {
    id: 'R-1',
    members: [
      {
        id: 'ORG',
        name: '王代理',
        kind: 'agent',
        role: 'organizer',
        strength: 3,
        summary: '',
        sources: [],
        evidence: [],
      },
      {
        id: 'M1',
        name: null,
        kind: 'person',
        role: 'member',
        strength: 1,
        summary: '',
        sources: [],
        evidence: [],
      },
      {
        id: 'M2',
        name: null,
        kind: 'person',
        role: 'member',
        strength: 1,
        summary: '',
        sources: [],
        evidence: [],
      },
    ],
    victims: [
      { actorId: 'V1', namedMemberIds: [] },
      { actorId: 'V2', namedMemberIds: ['ORG'] },
      { actorId: 'M2', namedMemberIds: [] },
    ],
    sharedIdentifiers: [
      { identifier: '+86 139****0001', kind: 'phone', memberIds: ['ORG', 'M1', 'M2'], actorCount: 3 },
      { identifier: '****', kind: 'account', memberIds: ['ORG', 'M1'], actorCount: 2 },
      { identifier: '****', kind: 'account', memberIds: ['M2'], actorCount: 2 },
      { identifier: 'ORG', kind: 'agent', memberIds: ['M1', 'M2'], actorCount: 3 },
    ],
    complaints: [
      { id: 'C-2', filedBy: 'M1', filedAt: '2026-03-02', institution: 'X', contactPhone: '+86 139****0001' },
      { id: 'C-1', filedBy: 'V1', filedAt: '2026-03-01', institution: 'X', representativeId: 'ORG' },
    ],
    claims: [],
    moneyFlows: [
      {
        kind: 'transfer',
        from: 'a',
        to: 'b',
        fromActorIds: ['M1'],
        toActorIds: ['ORG'],
        count: 1,
        amount: 5,
      },
    ],
  } as unknown as RingReport;

  it('draws members, victims, identifiers (masked look-alikes kept apart) and filings, the agent as its member', () => {
    const m = ringGraphModel(ring);
    const kinds = m.nodes.map((n) => `${n.kind}:${n.category}:${n.label}`);
    expect(kinds).to.have.members([
      'member:organizer:王代理',
      'member:member:M1',
      'member:member:M2',
      'victim:victim:V1',
      'victim:victim:V2',
      'identifier:phone:+86 139****0001',
      'identifier:account:****',
      'identifier:account:****',
      'filing:complaint:C-1',
      'filing:complaint:C-2',
    ]);
    expect(m.filingsLeftOut).to.equal(0);
  });

  it('ties filers to filings, filings to the identifiers they name, members by representation and transfers', () => {
    const edges = ringGraphModel(ring).edges.map((e) => `${e.category} ${e.source} ${e.target}`);
    expect(edges).to.include.members([
      'filed actor:M1 filing:C-2',
      'victim actor:V1 filing:C-1',
      'victim actor:V2 actor:ORG',
      'identifier filing:C-2 identifier:0',
      'represented filing:C-1 actor:ORG',
      'represented actor:M1 actor:ORG',
      'transfer actor:M1 actor:ORG',
      'identifier actor:M2 identifier:2',
    ]);
    expect(edges.filter((e) => e.startsWith('identifier actor:ORG'))).to.have.length(2);
  });
});
