import {
  addMemberInput,
  registerOrganizationInput,
  signAgreementInput,
  updateOrganizationInput,
} from '../src/domain/inputs';
import { changedFields } from '../src/domain/changes';
import { maySeeMemberContact } from '../src/domain/privacy';
import { Viewer } from '@pcc/subgraph-kit';

const valid = {
  code: 'NEW-ORG',
  nameTh: 'อบต.ทดสอบ',
  nameEn: 'Test',
  type: 'SUBDISTRICT_ADMINISTRATION',
  district: 'THALANG',
};

describe('registry input rules', () => {
  it.each([
    ['a valid organization', valid, true],
    ['a lower-case code', { ...valid, code: 'patong' }, false],
    ['an empty Thai name', { ...valid, nameTh: '   ' }, false],
    ['a 10,000-character name', { ...valid, nameEn: 'x'.repeat(10_000) }, false],
    ['a latitude off the globe', { ...valid, location: { lat: 91, lng: 98 } }, false],
    ['a bad email', { ...valid, contact: { email: 'not-an-email' } }, false],
    ['an unknown contact field', { ...valid, contact: { fax: '1' } }, false],
    ['a date that does not exist', { ...valid, establishedOn: '2019-02-30' }, false],
  ])('%s', (_name, input, ok) => {
    expect(registerOrganizationInput.safeParse(input).success).toBe(ok);
  });

  it('refuses an update that changes nothing', () => {
    expect(updateOrganizationInput.safeParse({}).success).toBe(false);
    expect(updateOrganizationInput.safeParse({ contact: { phone: '076 123 456' } }).success).toBe(true);
  });

  it('refuses a member term that ends before it starts', () => {
    const result = addMemberInput.safeParse({
      fullName: 'A',
      groupRole: 'member',
      category: 'OTHER_STAKEHOLDER',
      termStart: '2020-01-01',
      termEnd: '2019-01-01',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['termEnd']);
  });

  it('keeps target values exact decimals and fiscal years Buddhist-era', () => {
    const base = {
      title: 'MOU',
      subject: 'WASTE_MANAGEMENT',
      signedOn: '2018-03-15',
      signatoryIds: ['00000000-0000-4000-8000-000000000001'],
    };
    expect(
      signAgreementInput.safeParse({
        ...base,
        targets: [{ metric: 'WASTE_REDUCTION', value: '5.00', unit: 'PERCENT', baselineFiscalYear: 2561 }],
      }).success,
    ).toBe(true);
    expect(
      signAgreementInput.safeParse({
        ...base,
        targets: [{ metric: 'WASTE_REDUCTION', value: '5.00', unit: 'PERCENT', baselineFiscalYear: 2018 }],
      }).success,
    ).toBe(false);
    expect(signAgreementInput.safeParse({ ...base, signatoryIds: [] }).success).toBe(false);
  });
});

describe('changedFields', () => {
  it('names only the fields whose value differs', () => {
    expect(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: undefined, d: null })).toEqual(['b']);
    expect(changedFields({ contact: { phone: '1' } }, { contact: { phone: '2' } })).toEqual(['contact']);
  });
});

describe('member contact privacy', () => {
  it.each([
    [{ sub: 'a', role: 'NETWORK_ADMIN', org: null }, 'PATONG', true],
    [{ sub: 'a', role: 'NETWORK_ADMIN', org: null }, null, true],
    [{ sub: 'a', role: 'LGO_OFFICER', org: 'PATONG' }, 'PATONG', true],
    [{ sub: 'a', role: 'LGO_OFFICER', org: 'KATHU' }, 'PATONG', false],
    [{ sub: 'a', role: 'ANALYST', org: null }, 'PATONG', false],
    [{ sub: 'a', role: 'PUBLIC', org: null }, 'PATONG', false],
    [{ sub: 'a', role: 'LGO_OFFICER', org: 'PATONG' }, null, false],
  ] as const)('%o on a member of %s: %s', async (identity, org, visible) => {
    // Tokens carry codes, members carry ids: the registry maps one to the other.
    const viewer = new Viewer(identity, async (code) => ({ id: `id-of-${code}`, active: true }));
    expect(await maySeeMemberContact(viewer, org && `id-of-${org}`)).toBe(visible);
  });
});
