import type { Language } from '../requests.js';
import type { StaffMail } from './templates.js';
import { STAFF_TYPE_NAMES, count, longDate, type Block, type Letter } from './wording.js';

/** What the DPO, or the person a manual task is assigned to, reads: which request, what is needed, by when. */
export function staffLetter(template: StaffMail, lang: Language): Letter {
  const en = lang === 'en';
  const date = (d: Date) => longDate(d, lang);
  const id = template.requestId;
  const request = en ? `Request ${id} (${STAFF_TYPE_NAMES.en[template.type]})` : `La demande ${id} (${STAFF_TYPE_NAMES.fr[template.type]})`;
  switch (template.name) {
    case 'deadline_reminder': {
      const days = Math.max(0, template.daysLeft);
      const left = days === 0 ? (en ? 'today' : "aujourd'hui") : en ? `in ${count(days, lang, 'day', 'days')}` : `dans ${count(days, lang, 'jour', 'jours')}`;
      return {
        subject: en ? `Request ${id} is due ${left}` : `La demande ${id} arrive à échéance ${left}`,
        blocks: en
          ? [
              `${request} must be answered by ${date(template.dueAt)}, ${left}.`,
              'Finish the systems and manual tasks still open. If the request is complex and its deadline not yet extended, you may extend it by up to two months; the subject is then told why.',
            ]
          : [
              `${request} doit recevoir une réponse au plus tard le ${date(template.dueAt)}, soit ${left}.`,
              "Terminez les systèmes et les tâches manuelles encore ouverts. Si la demande est complexe et que son délai n'a pas encore été prolongé, vous pouvez le prolonger de deux mois au plus ; la personne concernée en est alors informée, avec le motif.",
            ],
      };
    }
    case 'overdue':
      return {
        subject: en ? `Request ${id} is overdue` : `La demande ${id} est en retard`,
        blocks: en
          ? [`${request} was due on ${date(template.dueAt)} and is still open: the legal deadline has passed.`, 'Finish its open systems and manual tasks as soon as possible; the subject may complain to a data protection authority about a late answer.']
          : [
              `${request} devait recevoir une réponse au plus tard le ${date(template.dueAt)} et elle est toujours ouverte : le délai légal est dépassé.`,
              "Terminez au plus vite ses systèmes et tâches manuelles en attente ; la personne concernée peut se plaindre d'une réponse tardive auprès d'une autorité de contrôle.",
            ],
      };
    case 'manual_task': {
      const { system, taskId } = template;
      const blocks: Block[] = template.reminder ? [en ? 'Reminder: this task is still open.' : 'Rappel : cette tâche est toujours ouverte.'] : [];
      blocks.push(
        en
          ? `${request} needs you to act by hand on ${system}, by ${date(template.dueAt)}:`
          : `${request} nécessite une action manuelle de votre part sur ${system}, au plus tard le ${date(template.dueAt)} :`,
        template.instructions,
        en
          ? `When it is done, confirm task ${taskId} in Gardien (completeManualTask), saying what you did. The request waits for your confirmation.`
          : `Une fois l'action faite, confirmez la tâche ${taskId} dans Gardien (completeManualTask) en indiquant ce que vous avez fait. La demande attend votre confirmation.`,
      );
      const subject = en
        ? `${template.reminder ? 'Reminder: manual' : 'Manual'} task for request ${id} on ${system}`
        : `${template.reminder ? 'Rappel : tâche' : 'Tâche'} manuelle pour la demande ${id} sur ${system}`;
      return { subject, blocks };
    }
    case 'system_failed':
      return {
        subject: en ? `Request ${id}: ${template.system} failed` : `Demande ${id} : échec sur ${template.system}`,
        blocks: en
          ? [
              `${request} could not be completed on ${template.system}.`,
              `Error: ${template.error}`,
              `Check the system and its connector (npx gardien connectors test ${template.system}), then retry it or handle this system by hand. The request cannot complete until then.`,
            ]
          : [
              `${request} n'a pas pu être traitée sur ${template.system}.`,
              `Erreur : ${template.error}`,
              `Vérifiez le système et son connecteur (npx gardien connectors test ${template.system}), puis relancez-le ou traitez ce système à la main. La demande ne peut pas aboutir d'ici là.`,
            ],
      };
  }
}
