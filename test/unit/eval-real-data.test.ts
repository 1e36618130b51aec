// The real data sets as ingest records and the figures eval:real prints, on tiny hand-built inputs.
import { expect } from 'chai';
import {
  majorityOf,
  sichuanFigures,
  structurallyConnectedBots,
  vkFigures,
  type EvalRing,
} from '../../src/eval/real-data.figures.js';
import { actorRecords, requestBatches, sichuanDataSet, vkDataSet } from '../../src/eval/real-data.sets.js';

const ring = (id: string, members: string[], reported = true): EvalRing => ({
  id,
  score: 60,
  reported,
  members: members.map((m) => ({ id: m, role: 'member' })),
});

describe('real data sets as ingest records', () => {
  const accounts = [
    'node,account_hash,kind,groups,trader,quality,community',
    '0,h0,bot,PARIK_LOW,PARIK,LOW,',
    '1,h1,bot,PARIK_MID;PARIK_LOW,PARIK,MID,',
    '2,h2,bot,OLENI_HIGH,OLENI,HIGH,',
    '3,h3,user,USERS_VELO,,,VELO',
    '4,h4,user,USERS_VELO,,,VELO',
  ].join('\n');
  const friends = [
    'account,friend',
    '0,100',
    '1,100',
    '1,101',
    '2,101',
    '3,200',
    '4,200',
    '4,4',
    '0,100',
  ].join('\n');

  it('VK: one actor per labelled account holding its friends as generic identifiers', () => {
    const set = vkDataSet(accounts, friends);
    expect(set.actors.map((a) => [a.id, a.identifiers.map((x) => `${x.kind}:${x.value}`)])).to.deep.equal([
      ['vk-0', ['friend:100']],
      ['vk-1', ['friend:100', 'friend:101']],
      ['vk-2', ['friend:101']],
      ['vk-3', ['friend:200']],
      ['vk-4', ['friend:200', 'friend:4']],
    ]);
    expect(set.labels.get('vk-1')).to.deep.equal({ kind: 'bot', group: 'PARIK' });
    expect(set.labels.get('vk-3')).to.deep.equal({ kind: 'user', group: null });
    expect(set.shape).to.deep.include({ actors: 5, identifiers: 4, ties: 7, maxHolders: 2, maxPerActor: 2 });
    expect(set.shape.holdersHistogram).to.deep.equal({ '1': 1, '2': 3, '3-10': 0, '11-50': 0, '>50': 0 });
    // bots 0 and 1 share friend 100 and one trader; bot 2 shares a friend only with a bot of another trader
    expect([...structurallyConnectedBots(set.actors, set.labels)].sort()).to.deep.equal(['vk-0', 'vk-1']);
  });

  it('Sichuan: each undirected link one co_contact identifier held by both ends, once', () => {
    const set = sichuanDataSet(
      ['node,phone_no_m,label', '0,p0,1', '1,p1,1', '2,p2,0'].join('\n'),
      ['src,dst', '0,1', '1,0', '2,1', '2,2'].join('\n'),
    );
    expect(set.actors.map((a) => [a.id, a.identifiers.map((x) => x.value)])).to.deep.equal([
      ['sc-0', ['0-1']],
      ['sc-1', ['0-1', '1-2']],
      ['sc-2', ['1-2']],
    ]);
    expect(set.labels.get('sc-0')).to.deep.equal({ kind: 'fraud', group: null });
    expect(set.shape.ties).to.equal(4);
  });

  it('splits actors into requests by actors and by identifier ties; a big actor goes alone', () => {
    const a = (id: string, n: number) => ({
      id,
      kind: 'person' as const,
      identifiers: Array.from({ length: n }, (_, i) => ({ kind: 'friend', value: String(i) })),
      source: 's',
    });
    const batches = [
      ...requestBatches([a('1', 3), a('2', 3), a('3', 10), a('4', 1), a('5', 1), a('6', 1)], {
        maxActors: 2,
        maxTies: 6,
      }),
    ].map((b) => b.map((x) => x.id));
    expect(batches).to.deep.equal([['1', '2'], ['3'], ['4', '5'], ['6']]);
    // an actor over the per-record limit becomes several records of one id (ingest merges them)
    expect(
      [...actorRecords([a('1', 5), a('2', 2)], 2)].map((r) => `${r.id}:${r.identifiers.length}`),
    ).to.deep.equal(['1:2', '1:2', '1:1', '2:2']);
  });
});

describe('real data figures', () => {
  const set = vkDataSet(
    [
      'node,account_hash,kind,groups,trader,quality,community',
      ...['0', '1', '2', '3'].map((n) => `${n},h,bot,P,PARIK,LOW,`),
      '4,h,bot,O,OLENI,LOW,',
      ...['5', '6', '7', '8'].map((n) => `${n},h,user,U,,,VELO`),
    ].join('\n'),
    ['account,friend', '0,100', '1,100', '2,100', '3,101', '4,101', '5,200', '6,200'].join('\n'),
  );

  it('majority is more than half of the members', () => {
    const labelOf = (id: string) => (id.startsWith('a') ? 'A' : 'B');
    expect(majorityOf(ring('r', ['a1', 'a2', 'b1']), labelOf)).to.equal('A');
    expect(majorityOf(ring('r', ['a1', 'b1']), labelOf)).to.equal(null);
  });

  it('VK: connected bots in own-trader rings, purity of bot rings, organic users in rings', () => {
    // connected: vk-0, vk-1, vk-2 (friend 100); vk-3 shares 101 only with an OLENI bot
    const f = vkFigures(
      [ring('R1', ['vk-0', 'vk-1', 'vk-4']), ring('R2', ['vk-5', 'vk-6', 'vk-2'])],
      set.actors,
      set.labels,
    );
    expect(f).to.deep.include({
      rings: 2,
      botRings: 1,
      connectedBots: 3,
      usersInRings: 2,
      users: 4,
      usersInRingsShare: 0.5,
      botsInRings: 4,
      bots: 5,
    });
    expect(f.connectedBotsInOwnTraderRing).to.be.closeTo(2 / 3, 1e-4); // vk-2 sits in a user-majority ring
    expect(f.botRingPurity).to.be.closeTo(2 / 3, 1e-4); // R1: two PARIK bots of three members
  });

  it('VK: no rings, no credit', () => {
    const f = vkFigures([], set.actors, set.labels);
    expect(f).to.deep.include({
      rings: 0,
      connectedBotsInOwnTraderRing: 0,
      botRingPurity: null,
      usersInRingsShare: 0,
    });
  });

  it('Sichuan: fraud share among ring members and recall of fraud actors', () => {
    const labels = new Map([
      ['sc-0', { kind: 'fraud', group: null }],
      ['sc-1', { kind: 'fraud', group: null }],
      ['sc-2', { kind: 'fraud', group: null }],
      ['sc-3', { kind: 'fraud', group: null }],
      ['sc-4', { kind: 'normal', group: null }],
    ]);
    const f = sichuanFigures([ring('R1', ['sc-0', 'sc-1', 'sc-4']), ring('R2', ['sc-2', 'sc-1'])], labels);
    expect(f).to.deep.equal({
      rings: 2,
      membersInRings: 4,
      fraudInRings: 3,
      fraud: 4,
      fraudShareInRings: 0.75,
      recall: 0.75,
      fraudMajorityRings: 2,
    });
  });
});
