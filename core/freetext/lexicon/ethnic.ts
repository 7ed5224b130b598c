/** Racial or ethnic origin (Art. 9): origin, ethnicity, skin colour said of a person. */
import { lexicon, STRONG, USUAL, WEAK } from './entry.js';

// Nationalities and regions: ethnic origin when said of a person's origin, not of a product or a trip.
const ORIGINS = `maghrébin|maghrébine|arabe|beur|beurette|rebeu|renoi|noich|africain|africaine|nord-africain|subsaharien|algérien|algérienne|marocain|marocaine|
  tunisien|tunisienne|sénégalais|sénégalaise|malien|malienne|ivoirien|ivoirienne|camerounais|camerounaise|congolais|congolaise|comorien|comorienne|
  turc|turque|kurde|arménien|arménienne|libanais|libanaise|syrien|syrienne|afghan|afghane|pakistanais|indien|indienne|tamoul|sri-lankais|
  asiatique|chinois|chinoise|vietnamien|vietnamienne|cambodgien|laotien|japonais|coréen|philippin|antillais|antillaise|guadeloupéen|martiniquais|réunionnais|
  guyanais|haïtien|haïtienne|portugais|portugaise|espagnol|italien|polonais|roumain|roumaine|russe|ukrainien|tchétchène|albanais|serbe|bosniaque|
  juif|juive|européen|européenne|caucasien|latino|latina|brésilien|colombien|péruvien|mexicain|américain|anglais|allemand|belge|suisse|
  gitan|gitane|manouche|tzigane|rom|roms|yéniche|kabyle|berbère|peul|touareg|bantou|maghreb|afrique|asie|antilles|turquie|algérie|maroc|tunisie|
  sénégal|mali|cameroun|congo|vietnam|chine|inde|pakistan|portugal|pologne|roumanie|comores|haïti`;

export const ETHNIC_ORIGIN = lexicon('ethnic_origin', [
  ['fr', STRONG, `origine ethnique|origines ethniques|ethnie|son ethnie|appartenance ethnique|couleur de peau|de couleur|personne de couleur|racisé|racisée|métis|métisse|
    type maghrébin|type africain|type asiatique|type européen|type méditerranéen|type nord-africain|type arabe|type indien|type antillais|
    gens du voyage|communauté des gens du voyage|maghrébin|maghrébine|beur|beurette|rebeu|renoi|gitan|gitane|manouche|tzigane|yéniche|
    d'origine étrangère|issu de l'immigration|issue de l'immigration|immigré|immigrée|blanc de peau|peau noire|peau mate|peau foncée|teint mat`,
    { unlessBefore: ['mr', 'mme', 'monsieur', 'madame', 'carte', 'liste', 'marche', 'vin', 'mode', 'tableau', 'stylo', 'friday'], unlessAfter: ['friday', 'card', 'ink', 'label', 'et', 'cassis', 'nacre', 'mat'] }],
  ['fr', STRONG, 'asiatique|asiatiques', { unlessBefore: ['cuisine', 'restaurant', 'resto', 'epicerie', 'plat', 'plats', 'traiteur', 'marche', 'style', 'art', 'produit', 'produits', 'voyage'] }],
  ['fr', USUAL, ORIGINS, { needBefore: ['origine', 'origines', 'ascendance', 'ethnie', 'type', 'communaute', 'famille', 'couple', 'issu', 'issue', 'parents', 'pere', 'mere'], unlessAfter: ['cuisine', 'restaurant', 'resto', 'traiteur', 'vin', 'produit', 'produits', 'plat'] }],
  ['fr', USUAL, `noir|noire|blanc|blanche|jaune|bronzé|black|rebeu`, { needBefore: ['est', 'un', 'une', 'homme', 'femme', 'monsieur', 'dame', 'jeune', 'grand', 'grande', 'gars', 'type', 'mec', 'client', 'cliente', 'couple', 'famille', 'peau'],
    unlessAfter: ['de', 'd', 'cassee', 'casse', 'mat', 'brillant', 'laque', 'sur', 'et', 'ou', 'bleu', 'rouge', 'vert', 'gris', 'metallise', 'nacre', 'taille', 'modele', 'version'],
    unlessBefore: ['carte', 'liste', 'marche', 'vin', 'stylo', 'stylos', 'voiture', 'canape', 'meuble', 'tableau', 'couleur', 'modele', 'version', 'ecran', 'fond', 'papier', 'tee', 'shirt', 'pull', 'veste', 'chemise', 'cheveux', 'yeux', 'regard', 'humour', 'travail', 'cafe'] }],
  ['en', STRONG, `ethnicity|ethnic origin|ethnic background|of African descent|of Asian descent|of Indian descent|of Pakistani descent|of Caribbean descent|of Jamaican descent|
    of Nigerian descent|of Mexican descent|of Irish descent|of Chinese descent|of Arab descent|of Turkish descent|of Polish descent|African-American|African American|Afro-Caribbean|
    Black British|White British|White Irish|mixed race|mixed-race|biracial|person of colour|person of color|people of colour|Hispanic|Latino|Latina|Latinx|
    Asian guy|Asian man|Asian woman|Asian lady|Asian gentleman|Asian family|black guy|black man|black woman|black lady|black gentleman|black family|black customer|
    white guy|white man|white woman|white lady|Caucasian|Gypsy|Gypsies|Roma|Romani|Irish traveller|Irish travellers|traveller family|travellers site|
    Arab|Arabs|Middle Eastern|South Asian|East Asian|Aboriginal|Indigenous|Native American|Somali|Nigerian|Jamaican|Pakistani|Bangladeshi|Sikh family`,
    { unlessAfter: ['friday', 'card', 'market', 'restaurant', 'food', 'cuisine', 'takeaway', 'street'], unlessBefore: ['mr', 'mrs', 'ms'] }],
  ['en', WEAK, `descent|heritage|origin`, { needBefore: ['of', 'african', 'asian', 'arab', 'irish', 'indian', 'caribbean', 'polish', 'turkish', 'chinese', 'mexican', 'jewish', 'ethnic', 'his', 'her'], unlessBefore: ['country', 'product', 'goods', 'shipment', 'parcel'] }],
]);
