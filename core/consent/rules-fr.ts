/**
 * The French rules of prospecting, one entry per rule, each dated and citing
 * its text (checked against Légifrance and the CNIL's guidance). A change in the
 * law is a new entry, with the old one given its `effectiveTo`.
 */
import type { ContactRule } from './rules.js';

const CPCE_L34_5 = { text: 'Code des postes et des communications électroniques, art. L34-5', url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000006465785' };
const CONSOM_L223_1 = { text: 'Code de la consommation, art. L223-1', url: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000032226761' };
const LOI_2025_594 = { text: 'Loi n° 2025-594 du 30 juin 2025 contre toutes les fraudes aux aides publiques, art. 13 (opt-in from 11 August 2026)', url: null };
const CONSOM_D223_9 = { text: 'Code de la consommation, art. D223-9 (décret n° 2022-1313 du 13 octobre 2022)', url: 'https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046421823' };
const CNIL_B2B = { text: 'CNIL, la prospection commerciale par courrier électronique (professionnels : information et droit d’opposition, objet en rapport avec la profession)', url: 'https://www.cnil.fr/fr/la-prospection-commerciale-par-courrier-electronique' };
const GDPR_21 = { text: 'Regulation (EU) 2016/679 (GDPR), art. 6(1)(f), recital 47 and art. 21', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' };

const LCEN = new Date('2004-06-22T00:00:00+02:00');
const GDPR = new Date('2018-05-25T00:00:00+02:00');
const BLOCTEL_IN_CODE = new Date('2016-07-01T00:00:00+02:00');
const DECREE_2022_1313 = new Date('2023-03-01T00:00:00+01:00');
/** Loi n° 2025-594, art. 13, III: the new L223-1 applies from this day. */
export const PHONE_OPT_IN_FROM = new Date('2026-08-11T00:00:00+02:00');

export const FRENCH_RULES: readonly ContactRule[] = [
  {
    type: 'regime',
    id: 'fr.cpce-l34-5.consumer',
    title: 'Email and SMS to a consumer need prior consent, unless a customer is offered analogous products with an opt-out',
    cites: [CPCE_L34_5],
    effectiveFrom: LCEN,
    effectiveTo: null,
    channels: ['email', 'sms'],
    audiences: ['consumer'],
    regime: 'opt_in',
    exceptions: ['soft_opt_in'],
    oppositionList: false,
  },
  {
    type: 'regime',
    id: 'fr.cpce-l34-5.business-sms',
    title: 'SMS to a professional needs prior consent, unless a customer is offered analogous products with an opt-out',
    cites: [CPCE_L34_5],
    effectiveFrom: LCEN,
    effectiveTo: null,
    channels: ['sms'],
    audiences: ['business'],
    regime: 'opt_in',
    exceptions: ['soft_opt_in'],
    oppositionList: false,
  },
  {
    type: 'regime',
    id: 'fr.cnil.business-email',
    title: 'Email to a professional may rely on legitimate interest for an offer related to their work, unless they objected',
    cites: [CPCE_L34_5, CNIL_B2B],
    effectiveFrom: LCEN,
    effectiveTo: null,
    channels: ['email'],
    audiences: ['business'],
    regime: 'opt_in',
    exceptions: ['related_to_work', 'soft_opt_in'],
    oppositionList: false,
  },
  {
    type: 'regime',
    id: 'fr.consom-l223-1.phone-opposition-list',
    title: 'Until 10 August 2026, canvassing calls to a consumer are allowed unless they objected or are on the opposition list, which a contract in force for a related offer overrides',
    cites: [{ ...CONSOM_L223_1, text: `${CONSOM_L223_1.text} (version of loi n° 2020-901)` }],
    effectiveFrom: BLOCTEL_IN_CODE,
    effectiveTo: PHONE_OPT_IN_FROM,
    channels: ['phone'],
    audiences: ['consumer'],
    regime: 'opt_out',
    exceptions: ['contract_in_force'],
    oppositionList: true,
  },
  {
    type: 'regime',
    id: 'fr.consom-l223-1.phone-consent',
    title: 'From 11 August 2026, canvassing calls to a consumer need their prior, provable consent, except during a contract in force for a related offer',
    cites: [{ ...CONSOM_L223_1, text: `${CONSOM_L223_1.text}, as amended by loi n° 2025-594` }, LOI_2025_594],
    effectiveFrom: PHONE_OPT_IN_FROM,
    effectiveTo: null,
    channels: ['phone'],
    audiences: ['consumer'],
    regime: 'opt_in',
    exceptions: ['contract_in_force'],
    oppositionList: false,
  },
  {
    type: 'regime',
    id: 'fr.gdpr.business-phone',
    title: 'Calls to a professional may rely on legitimate interest, unless they objected',
    cites: [GDPR_21],
    effectiveFrom: GDPR,
    effectiveTo: null,
    channels: ['phone'],
    audiences: ['business'],
    regime: 'opt_out',
    exceptions: [],
    oppositionList: false,
  },
  {
    type: 'regime',
    id: 'fr.gdpr.post',
    title: 'Post may rely on legitimate interest, unless the person objected',
    cites: [GDPR_21],
    effectiveFrom: GDPR,
    effectiveTo: null,
    channels: ['post'],
    audiences: ['consumer', 'business'],
    regime: 'opt_out',
    exceptions: [],
    oppositionList: false,
  },
  {
    type: 'calling_hours',
    id: 'fr.consom-d223-9.hours',
    title: 'Canvassing calls to a consumer only Monday to Friday, 10:00–13:00 and 14:00–20:00 their time, never on a public holiday, unless they agreed to other hours',
    cites: [CONSOM_D223_9],
    effectiveFrom: DECREE_2022_1313,
    effectiveTo: null,
    channels: ['phone'],
    audiences: ['consumer'],
    weekdays: [1, 2, 3, 4, 5],
    windows: [
      { from: '10:00', to: '13:00' },
      { from: '14:00', to: '20:00' },
    ],
    excludePublicHolidays: true,
    waivedByConsentOutsideHours: true,
  },
  {
    type: 'frequency',
    id: 'fr.consom-d223-9.frequency',
    title: 'At most four canvassing calls to a consumer in thirty days, and none for sixty days after they refused during a call',
    cites: [CONSOM_D223_9],
    effectiveFrom: DECREE_2022_1313,
    effectiveTo: null,
    channels: ['phone'],
    audiences: ['consumer'],
    maxContacts: 4,
    periodDays: 30,
    pauseAfterRefusalDays: 60,
  },
];
