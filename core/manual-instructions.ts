/**
 * What a person is asked to do in a system Gardien cannot work in itself.
 * Plain words for the task list and the assignee's email; the subject's
 * identifiers are named (the task lives in MongoDB only).
 */
import type { SubjectIdentity } from './identity.js';
import type { Language, RequestType } from './requests.js';
import type { ManualTaskReason } from './storage/manual-tasks.js';

const ACTS: Record<Language, Record<RequestType, string>> = {
  en: {
    ACCESS: 'Find every record about this person and send a copy to the data protection officer.',
    PORTABILITY: 'Find every record this person gave us and send a copy, in a common file format, to the data protection officer.',
    ERASURE: 'Erase every record about this person, except what the law requires us to keep (say what was kept and why).',
    RECTIFICATION: 'Correct this person’s records as the request asks (the corrections are in the request).',
    RESTRICTION: 'Mark this person’s records so that they are no longer used, only kept.',
    OBJECTION: 'Stop all marketing to this person: mark their records as opted out.',
  },
  fr: {
    ACCESS: 'Retrouver tous les enregistrements concernant cette personne et en envoyer une copie au délégué à la protection des données.',
    PORTABILITY: 'Retrouver les données fournies par cette personne et les envoyer, dans un format courant, au délégué à la protection des données.',
    ERASURE: 'Effacer tous les enregistrements concernant cette personne, sauf ce que la loi impose de garder (indiquer quoi et pourquoi).',
    RECTIFICATION: 'Corriger les enregistrements de cette personne comme la demande l’indique (les corrections figurent dans la demande).',
    RESTRICTION: 'Marquer les enregistrements de cette personne pour qu’ils ne soient plus utilisés, seulement conservés.',
    OBJECTION: 'Cesser toute prospection envers cette personne : marquer ses enregistrements comme opposés.',
  },
};

const WHY: Record<Language, Record<ManualTaskReason, (system: string) => string>> = {
  en: {
    manual_system: (s) => `${s} is handled by a person: Gardien cannot search it.`,
    not_supported: (s) => `Gardien found this person in ${s} but its connector cannot do this there.`,
    manual_erasure: (s) => `Gardien erased what it could in ${s}; the records below can only be erased safely by a person.`,
    resolution: (s) => `The data protection officer settled ${s} by hand.`,
  },
  fr: {
    manual_system: (s) => `${s} est tenu à la main : Gardien ne peut pas y chercher.`,
    not_supported: (s) => `Gardien a trouvé cette personne dans ${s}, mais son connecteur ne peut pas y faire cela.`,
    manual_erasure: (s) => `Gardien a effacé ce qu'il pouvait dans ${s} ; les enregistrements ci-dessous ne peuvent être effacés sans risque que par une personne.`,
    resolution: (s) => `Le délégué à la protection des données a traité ${s} à la main.`,
  },
};

export function manualInstructions(input: {
  type: RequestType;
  reason: ManualTaskReason;
  system: string;
  identity: SubjectIdentity;
  /** The system's own how-to (its connector's configuration). */
  howTo?: string;
  /** What exactly to handle, one line each (e.g. the files an erasure could not rewrite). */
  items?: readonly string[];
  language: Language;
}): string {
  const fr = input.language === 'fr';
  const who = [input.identity.name, input.identity.email, input.identity.phone, input.identity.externalId].filter(Boolean).join(', ');
  return [
    WHY[input.language][input.reason](input.system),
    `${fr ? 'Personne' : 'Person'}${fr ? ' : ' : ': '}${who}.`,
    input.reason === 'manual_erasure' ? undefined : ACTS[input.language][input.type],
    ...(input.items ?? []).map((item) => `- ${item}`),
    input.howTo?.trim(),
    fr ? 'Puis clôturer la tâche en décrivant ce qui a été trouvé et fait : ce texte est conservé avec la demande et son empreinte figure dans le rapport signé.' : 'Then complete this task saying what was found and done: your words are kept with the request and their fingerprint goes into the signed report.',
  ]
    .filter(Boolean)
    .join('\n');
}
