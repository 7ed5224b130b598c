/** Insults and subjective judgements about a person: the remarks a company has no right to keep about its customers. */
import { lexicon, STRONG, USUAL, WEAK } from './entry.js';

const ABOUT_PERSON = ['est', 'etait', 'c', 'un', 'une', 'vrai', 'vraie', 'tres', 'trop', 'super', 'hyper', 'grave', 'completement', 'totalement', 'vraiment', 'assez', 'plutot', 'bien', 'tellement',
  'franchement', 'particulierement', 'client', 'cliente', 'mr', 'mme', 'monsieur', 'madame', 'type', 'mec', 'gars', 'nana', 'meuf', 'femme', 'homme', 'vieux', 'vieille', 'quel', 'quelle', 'sacre', 'sacree', 'espece', 'personnage', 'gros', 'grosse'];

export const SUBJECTIVE = lexicon('subjective', [
  // Insults, French
  ['fr', STRONG, `connard|connasse|conasse|conard|abruti|abrutie|crétin|crétine|débile|imbécile|idiot|idiote|gogol|mongol|attardé|attardée|taré|tarée|cinglé|cinglée|
    timbré|timbrée|barjo|barjot|barré|barrée|givré|zinzin|neuneu|boulet|blaireau|beauf|plouc|bouseux|cassos|cas social|racaille|caillera|
    salaud|salopard|salope|pute|pétasse|pouffiasse|poufiasse|garce|enfoiré|enfoirée|enculé|fils de pute|bâtard|ordure|raclure|pourriture|fumier|charogne|
    emmerdeur|emmerdeuse|emmerdant|chieur|chieuse|chiant|chiante|casse-couilles|casse-pieds|casse pieds|pénible|pénibles|relou|relouds|lourdingue|gros lourd|grosse lourde|
    grosse vache|gros porc|vieux con|vieille conne|sale type|sale con|sale conne|tête de con|tête à claques|tocard|tocarde|nullos|naze|nase|bouffon|bouffonne|guignol|
    hystérique|hystéro|psychopathe|psycho|parano|caractériel|caractérielle|mytho|mythomane|menteur|menteuse|menteurs|affabulateur|radin|radine|pingre|grippe-sou|rapiat|
    radasse|avare|escroc|escroc en puissance|arnaqueur|arnaqueuse|magouilleur|magouilleuse|filou|voyou|grossier personnage|malpoli|impoli|impolie|mal élevé|mal élevée|malotru|
    goujat|rustre|vulgaire|odieux|odieuse|exécrable|imbuvable|insupportable|infect|infecte|détestable|antipathique|désagréable|désagréables|exaspérant|exaspérante|
    agaçant|agaçante|énervant|énervante|gonflant|gonflante|soûlant|saoulant|saoulante|relou de chez relou|râleur|râleuse|grincheux|grincheuse|grognon|aigri|aigrie|
    peste|vipère|harpie|mégère|chipie|teigne|sangsue|pot de colle|profiteur|profiteuse|mauvaise foi|de mauvaise foi|mauvais payeur|mauvaise payeuse|
    fainéant|fainéante|feignant|feignasse|flemmard|incompétent|incompétente|bête comme ses pieds|bête à manger du foin|pas futé|pas fute-fute|
    raciste|homophobe|misogyne|macho|pervers|obsédé|dragueur lourd|drague lourdement|moche|laid|laide|gros tas|mocheté|puant|pue|sent mauvais|crado|crade|
    toxique|client toxique|cliente toxique|à éviter|a éviter absolument|ne plus servir|ne plus le servir|ne plus la servir|client à fuir|à fuir|blacklister|blacklisté|
    tête de mule|borné|bornée|vrai cauchemar|vraie plaie|ivrogne|poivrot|con comme un balai|con comme ses pieds|chieur de première|gros con|grosse conne|
    limite insultant|limite insultante|agressif|agressive|violent verbalement|insultant|insultante|méprisant|méprisante|arrogant|arrogante|hautain|hautaine|prétentieux|prétentieuse|
    condescendant|condescendante|lunatique|sournois|sournoise|hypocrite|fourbe|faux-cul|faux cul|lèche-cul|capricieux|capricieuse|pleurnicheur|pleurnicheuse|
    chiant comme la pluie|idiot fini|sans-gêne|sans gêne|culotté|culottée|gonflé|gonflée|radin comme pas deux|vieux grincheux|vieille folle|vieux fou|folle|fou furieux|cinglé`,
    { unlessAfter: ['rire', 'rires', 'pricing', 'takeover'], unlessBefore: ['prix', 'tarif', 'tarifs', 'offre', 'offres', 'remise', 'politique', 'prospection', 'marketing', 'commercial', 'commerciale', 'bruit', 'odeur', 'chaleur', 'froid', 'attente', 'delai', 'delais'] }],
  ['fr', STRONG, `pas aimable|pas sympa|pas sympathique|pas commode|pas poli|pas polie|pas agréable|pas très futé|pas très malin|pas très fin|pas honnête|pas franc|pas franche`,
    { negationInside: true }],
  ['fr', USUAL, `cauchemar|plaie|con|conne|cons|connes|lourd|lourde|fou|bizarre|chelou|louche|glauque|simplet|simplette|chiant|pénible|tordu|tordue|vicieux|vicieuse|bête|dingue|nul|nulle`,
    { needBefore: ABOUT_PERSON, exactOnly: true,
      unlessAfter: ['de', 'd', 'du', 'a', 'en', 'pour', 'que', 'sur', 'colis', 'carton', 'dossier', 'sac', 'meuble', 'produit', 'objet', 'materiel', 'paquet', 'volume', 'modele', 'taille', 'format', 'lot', 'debit', 'compte', 'bruit', 'probleme', 'bug'],
      unlessBefore: ['colis', 'carton', 'paquet', 'meuble', 'bruit', 'match', 'montant', 'solde', 'resultat', 'score', 'odeur', 'truc', 'machine', 'appareil', 'produit', 'ca', 'cela', 'situation'] }],
  // English
  ['en', STRONG, `idiot|moron|imbecile|cretin|dimwit|halfwit|nitwit|numpty|muppet|plonker|prat|twit|tosser|wanker|dickhead|prick|arsehole|asshole|bastard|bitch|
    jerk|creep|creepy|weirdo|nutcase|nutter|nutjob|loony|lunatic|psycho|crackpot|headcase|basket case|
    liar|compulsive liar|cheapskate|tightwad|skinflint|scrooge|stingy|miser|penny pincher|freeloader|scrounger|scammer|con artist|crook|shady|sleazy|sleazebag|scumbag|lowlife|
    rude|very rude|obnoxious|abusive|aggressive|hostile|vile|awful person|unbearable|insufferable|infuriating|exasperating|
    pain in the neck|pain in the ass|pain in the arse|nightmare client|nightmare customer|difficult customer|problem customer|troublemaker|time waster|timewaster|time-waster|
    arrogant|condescending|patronising|patronizing|smug|snob|snobby|stuck-up|rude and|moaner|whinger|whiner|grumpy|grouchy|cranky|miserable old|
    lazy|incompetent|clueless|dumb|stupid|brainless|slow on the uptake|
    ugly|smelly|stinks|hysterical|drama queen|attention seeker|gold digger|racist|sexist|homophobe|pervert|perv|lech|letch|
    avoid if possible|avoid at all costs|do not serve|blacklisted|lying about|lied about|lied to us|lies about|banned from the store|not welcome`,
    { unlessAfter: ['awakening', 'check', 'checks', 'market', 'protection', 'policy', 'takeover', 'pricing', 'price', 'prices', 'timeline', 'discount', 'growth', 'marketing', 'strategy', 'target', 'targets', 'schedule', 'deadline'],
      unlessBefore: ['price', 'prices', 'pricing', 'offer', 'offers', 'discount', 'marketing', 'timeline', 'schedule', 'rates', 'rate', 'quote'] }],
  ['en', USUAL, `difficult|weird|odd|strange|slow|pain|nightmare|joke|crank|nuts|mad|sour|cheap|rough|crazy|thick|fat|lazy|useless|entitled|dodgy|hopeless|nasty|annoying|irritating|horrible|loud|pushy|demanding|fussy|picky|moody`,
    { needBefore: ['such', 'total', 'complete', 'absolute', 'absolutely', 'proper', 'real', 'bloody', 'damn', 'utterly', 'customer', 'client', 'guy', 'lady', 'woman', 'man', 'bloke', 'he', 'she', 'him', 'her', 'they'],
      needAfter: ['customer', 'client', 'guy', 'lady', 'woman', 'man', 'bloke', 'person', 'fellow', 'individual'], needEither: true, exactOnly: true,
      unlessAfter: ['to', 'for', 'delivery', 'request', 'order', 'stock', 'model', 'version', 'weather', 'water', 'storage', 'call', 'lead', 'to', 'enough', 'of', 'issue', 'bug', 'problem', 'delay', 'noise', 'connection', 'loading'] }],
]);

// A weak marker of subjectivity that the evaluation shows as its own rule when nothing else fires.
export const SUBJECTIVE_WEAK = lexicon('subjective', [['fr', WEAK, 'à surveiller de près|à surveiller', { needBefore: ['client', 'cliente', 'mr', 'mme', 'personnage', 'individu'] }]]);
