// The filings a run writes with a ring: as a ring report shows them.
import { expect } from 'chai';
import { ringFilings } from '../../src/rings/ring-filings.js';

describe('ring filings', () => {
  it('keeps filings in order without their empty fields and type, split into complaints and claims', () => {
    const rows = [
      { id: 'C-1', type: 'complaint', filedBy: 'A-1', text: 'x', channel: null, namedParties: [] },
      {
        id: 'CL-1',
        type: 'claim',
        filedBy: 'A-2',
        kind: 'surrender',
        namedParties: [{ kind: 'phone', name: null }],
      },
      { id: 'C-0', type: 'complaint', filedBy: 'A-3', amount: 5 },
    ];
    expect(ringFilings(rows)).to.deep.equal({
      complaints: [
        { id: 'C-1', filedBy: 'A-1', text: 'x' },
        { id: 'C-0', filedBy: 'A-3', amount: 5 },
      ],
      claims: [{ id: 'CL-1', filedBy: 'A-2', kind: 'surrender', namedParties: [{ kind: 'phone' }] }],
    });
  });
});
