/** Religious or philosophical beliefs (Art. 9): faiths, practices, places of worship, clergy, atheism. */
import { lexicon, STRONG, USUAL, WEAK } from './entry.js';

const ADDRESS = ['rue', 'place', 'avenue', 'impasse', 'chemin', 'allee', 'quai', 'parvis', 'square', 'route', 'bd', 'boulevard', 'salle', 'parking', 'paroisse', 'bibliotheque', 'kermesse'];
const STREET = ['street', 'st', 'road', 'rd', 'lane', 'hall', 'hill', 'square', 'close', 'court', 'way', 'walk', 'row', 'end', 'green', 'yard', 'farm', 'school', 'car', 'parking', 'fete'];

export const BELIEFS = lexicon('beliefs', [
  ['fr', STRONG, `musulman|musulmane|islam|islamique|islamiste|mosquée|ramadan|ramadhan|fait le ramadan|jeûne du ramadan|halal|aïd|l'aïd|fête de l'aïd|imam|
    pèlerinage à la Mecque|la Mecque|prière du vendredi|fait sa prière|ses prières|porte le voile|le voile islamique|niqab|burqa|hijab|
    juif|juive|judaïsme|synagogue|casher|cacher|kasher|shabbat|sabbat|chabbat|kippa|rabbin|bar-mitsva|bat-mitsva|Yom Kippour|Roch Hachana|Pessah|
    catholique|catho|chrétien|chrétienne|christianisme|protestant|protestante|évangélique|évangéliste|orthodoxe|anglican|baptiste|pentecôtiste|adventiste|
    témoin de Jéhovah|témoins de Jéhovah|mormon|scientologue|scientologie|bouddhiste|bouddhisme|hindou|hindouiste|sikh|jaïn|
    athée|athéisme|agnostique|franc-maçon|franc-maçonne|franc-maçonnerie|loge maçonnique|maçonnique|
    va à la messe|messe du dimanche|à la messe|pratiquant|pratiquante|très croyant|croyant|croyante|très pieux|pieux|pieuse|dévot|
    prêtre|pasteur|diacre|religieuse|bonne soeur|moine|monastère|catéchisme|baptême|confirmation religieuse|communion|carême|Diwali|
    sa religion|religion|religieux|convictions religieuses|conviction religieuse|sa foi|la foi|converti à l'islam|converti|secte|
    végane par conviction|antispéciste`, { unlessBefore: ADDRESS, unlessAfter: STREET }],
  ['fr', USUAL, 'curé', { needBefore: ['le', 'un', 'du', 'au', 'monsieur', 'notre', 'son', 'pere', 'est', 'ancien'], unlessAfter: ['de', 'd', 'thermale', 'detox'] }],
  ['fr', USUAL, `église|temple|paroisse`, { needBefore: ['va', 'allait', 'aller', 'sa', 'son', 'a', 'membre', 'fidele', 'pratique', 'frequente', 'mariage', 'benevole', 'engage', 'engagee', 'au', 'chaque', 'tous'], unlessBefore: ADDRESS, unlessAfter: ['de', 'du', 'saint', 'st', 'notre'] }],
  ['fr', USUAL, 'voilée', { unlessBefore: ['de', 'la', 'bateau', 'planche', 'faire', 'fait', 'cours', 'club', 'stage', 'char', 'passion', 'passionne', 'passionnee'] }],
  ['fr', WEAK, `voile|prie|prier|prière`, { needBefore: ['porte', 'portait', 'porter', 'le', 'pour', 'fait', 'sa', 'ses', 'moment', 'heure', 'heures', 'temps'], unlessBefore: ['de', 'bateau', 'planche', 'char', 'club', 'cours', 'stage', 'faire'], unlessAfter: ['de', 'du', 'ecrire', 'bien', 'vous', 'ne', 'en', 'instamment'] }],
  ['en', STRONG, `muslim|islam|islamic|mosque|ramadan|eid|halal|imam|hajj|hijab|niqab|burqa|prayer room|prayer times|Friday prayers|
    jewish|jew|judaism|synagogue|kosher|keeps kosher|sabbath|shabbat|rabbi|bar mitzvah|bat mitzvah|Yom Kippur|Passover|Hanukkah|
    catholic|christian|christianity|protestant|evangelical|born again|born-again|orthodox christian|anglican|baptist|methodist|pentecostal|Jehovah's Witness|Jehovah's Witnesses|
    mormon|LDS church|scientologist|scientology|buddhist|buddhism|hindu|hinduism|sikh|jain|atheist|atheism|agnostic|freemason|freemasonry|masonic lodge|
    devout|religious|religion|his faith|her faith|their faith|churchgoer|goes to church|goes to mass|attends mass|at mass|at church|to church|church choir|
    his church|her church|their church|priest|pastor|vicar|minister of religion|deacon|nun|monk|Bible study|bible group|Lent|converted to|
    turban|prays|praying|prayers`, { unlessAfter: STREET, unlessBefore: ['old', 'st', 'saint'] }],
]);
