import type { Agency } from './agency';

/**
 * Seed lists from docs/design/domain.md section 2, for a new partnership. They are data: an admin edits them afterwards.
 * Agency names marked [R] there are to be confirmed with the business unit.
 */
export type AgencySeed = Pick<Agency, 'id' | 'name' | 'shortName' | 'type' | 'parentAgencyId' | 's11Duty'>;

const lcc = 'lancashire-county-council';

export const LANCASHIRE_AGENCIES: readonly AgencySeed[] = [
  { id: lcc, name: 'Lancashire County Council', shortName: 'LCC', type: 'STATUTORY_PARTNER', s11Duty: true },
  { id: 'lcc-csc', name: "Lancashire County Council Children's Social Care", shortName: 'LCC CSC', type: 'STATUTORY_PARTNER', parentAgencyId: lcc, s11Duty: true },
  { id: 'lcc-education', name: 'Lancashire County Council Education', shortName: 'LCC Education', type: 'EDUCATION', parentAgencyId: lcc, s11Duty: true },
  { id: 'lcc-early-help', name: 'Lancashire County Council Early Help', shortName: 'LCC Early Help', type: 'STATUTORY_PARTNER', parentAgencyId: lcc, s11Duty: true },
  { id: 'lcc-public-health', name: 'Lancashire County Council Public Health', shortName: 'LCC Public Health', type: 'STATUTORY_PARTNER', parentAgencyId: lcc, s11Duty: true },
  { id: 'lancashire-constabulary', name: 'Lancashire Constabulary', shortName: 'Police', type: 'STATUTORY_PARTNER', s11Duty: true },
  { id: 'lsc-icb', name: 'NHS Lancashire & South Cumbria ICB', shortName: 'ICB', type: 'STATUTORY_PARTNER', s11Duty: true },
  { id: 'lthtr', name: 'Lancashire Teaching Hospitals NHS Foundation Trust', shortName: 'LTHTR', type: 'RELEVANT_AGENCY', s11Duty: true },
  { id: 'elht', name: 'East Lancashire Hospitals NHS Trust', shortName: 'ELHT', type: 'RELEVANT_AGENCY', s11Duty: true },
  { id: 'uhmb', name: 'University Hospitals of Morecambe Bay NHS Foundation Trust', shortName: 'UHMBT', type: 'RELEVANT_AGENCY', s11Duty: true },
  { id: 'lscft', name: 'Lancashire & South Cumbria NHS Foundation Trust', shortName: 'LSCFT', type: 'RELEVANT_AGENCY', s11Duty: true },
  { id: 'bthft', name: 'Blackpool Teaching Hospitals NHS Foundation Trust', shortName: 'BTH', type: 'RELEVANT_AGENCY', s11Duty: true },
  { id: 'nwas', name: 'North West Ambulance Service', shortName: 'NWAS', type: 'RELEVANT_AGENCY', s11Duty: true },
  { id: 'probation-nw', name: 'Probation Service (North West)', shortName: 'Probation', type: 'RELEVANT_AGENCY', s11Duty: true },
  { id: 'lancashire-yjs', name: 'Lancashire Youth Justice Service', shortName: 'YJS', type: 'RELEVANT_AGENCY', s11Duty: true },
  { id: 'cafcass', name: 'Cafcass', shortName: 'Cafcass', type: 'RELEVANT_AGENCY', s11Duty: false },
  { id: 'lancashire-fire', name: 'Lancashire Fire & Rescue Service', shortName: 'LFRS', type: 'RELEVANT_AGENCY', s11Duty: false },
  { id: 'opcc', name: 'Office of the Police & Crime Commissioner', shortName: 'OPCC', type: 'RELEVANT_AGENCY', s11Duty: true },
  ...['Burnley', 'Chorley', 'Fylde', 'Hyndburn', 'Lancaster', 'Pendle', 'Preston', 'Ribble Valley', 'Rossendale', 'South Ribble', 'West Lancashire', 'Wyre'].map(
    (district): AgencySeed => ({
      id: `district-${district.toLowerCase().replace(/\s+/g, '-')}`,
      name: `${district} Council`,
      shortName: district,
      type: 'DISTRICT_COUNCIL',
      s11Duty: true,
    }),
  ),
  { id: 'schools-colleges', name: 'Schools and colleges', shortName: 'Education settings', type: 'EDUCATION', s11Duty: false },
  { id: 'vcfs', name: 'Voluntary, community and faith sector', shortName: 'VCFS', type: 'VCFS', s11Duty: false },
];

export const THEME_NAMES: readonly string[] = [
  'Neglect',
  'Domestic abuse',
  'Child sexual abuse (incl. intrafamilial)',
  'Child sexual exploitation',
  'Child criminal exploitation / county lines',
  'Safe sleep / SUDI',
  'Non-accidental injury in babies / under-1s',
  'Parental mental health',
  'Child mental health / self-harm / suicide',
  'Substance misuse',
  'Voice / lived experience of the child',
  'Professional curiosity / critical thinking and challenge',
  'Information sharing',
  'Escalation / resolving professional differences',
  'Think family / whole-family approach',
  'Working with resistant or reluctant families',
  'Responding to changing risk',
  'Leadership, supervision and organisational culture',
  'Children not in school / elective home education',
  'Disabled children / complex health needs',
  'Race, ethnicity and cultural identity',
  'Young carers',
  'Extra-familial harm',
  'Online harm',
  'Fathers / men in the household',
  'Transition to adulthood',
];

/** Stable id for a theme name ("Safe sleep / SUDI" -> "safe-sleep-sudi"). */
export function themeIdOf(name: string): string {
  return name.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}
