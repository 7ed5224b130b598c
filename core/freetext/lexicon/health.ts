/** Health (Art. 9): conditions, disabilities, mental health, pregnancy, addictions, care and treatment. */
import { lexicon, STRONG, USUAL, WEAK } from './entry.js';

const PERSON_STATE = ['est', 'etait', 'suis', 'etre', 'ete', 'devenu', 'devenue', 'reste', 'tombe', 'tombee', 'toujours', 'encore', 'car', 'client', 'cliente', 'mr', 'mme', 'femme', 'fille', 'il', 'elle'];

export const HEALTH = lexicon('health', [
  // Conditions, French
  ['fr', STRONG, `diabète|diabétique|insuline|insulino-dépendant|cancer*|cancéreux|tumeur|leucémie|lymphome|métastase*|chimio|chimiothérapie|radiothérapie|
    oncologue|oncologie|VIH|sida|séropositif|séropo|hépatite|prothèse|maladie génétique|mutation génétique|maladie héréditaire|BRCA1|BRCA2|gène BRCA|Huntington|cirrhose|asthme|asthmatique|épilepsie|épileptique|infarctus|AVC|
    hypertension|hypertendu|cholestérol|arythmie|pacemaker|pace-maker|insuffisance cardiaque|insuffisance rénale|insuffisant rénal|
    dialyse|dialysé|greffe de rein|greffé|transplanté|Alzheimer|Parkinson|sclérose en plaques|myopathie|mucoviscidose|
    polyarthrite|arthrose|fibromyalgie|endométriose|lupus|maladie de Crohn|Crohn|thyroïde|hypothyroïdie|Levothyrox|migraine chronique|
    hernie discale|lombalgie|sciatique|covid long|ulcère|bègue|bégaiement|hémiplégique|hémiplégie|maladie rare|maladie orpheline|malformation|cécité|surdité|
    psoriasis|eczéma|zona|gastro-entérite|angine|bronchite|pneumonie|vertiges|insomnie|insomniaque|maladie de Charcot|hémophile|hémophilie|drépanocytose|
    thalassémie|IST|MST|herpès|tuberculose|paludisme|appendicite|calculs rénaux|ostéoporose|scoliose|stomie|trachéotomie|déambulateur|sous perfusion|handicap mental|
    déficient visuel|déficiente visuelle|malvoyance|trouble du spectre autistique|TSA|Asperger|cardiaque|cardiopathie|AIT|apnée du sommeil|narcolepsie|groupe sanguin|glaucome|cataracte|DMLA|acouphène*`],
  ['fr', USUAL, `maladie|maladies chroniques|pathologie|antécédents médicaux|antécédent médical|problème de santé|problèmes de santé|pb de santé|pbs de santé|
    souci de santé|soucis de santé|ennuis de santé|raisons de santé|raison de santé|raisons médicales|raison médicale|état de santé|santé fragile|santé mentale|
    certificat médical|dossier médical|suivi médical|médecin traitant|allergique|allergie|intolérance au gluten|intolérant au lactose|coeliaque|
    convalescence|convalescent|rééducation|kinésithérapie|séances de kiné|béquilles|se fait opérer|s'est fait opérer|
    intervention chirurgicale|chirurgie|hospitalisé|hospitalisation|soins palliatifs|fin de vie|en phase terminale|
    clinique psychiatrique|maison de retraite médicalisée`, { unlessBefore: ['rue', 'avenue', 'place', 'ministere', 'agence', 'directeur', 'directrice', 'travaille', 'infirmier', 'infirmiere', 'medecin', 'assurance', 'caisse', 'branche', 'cpam', 'risque', 'risques'] }],
  ['fr', USUAL, 'opéré|opérée', { unlessAfter: ['par', 'pour'] }],
  ['*', USUAL, 'grippe|flu', { unlessAfter: ['aviaire', 'porcine', 'saisonniere', 'season', 'jab', 'jabs', 'vaccine', 'campaign', 'shot', 'shots'], unlessBefore: ['epidemie', 'vaccin', 'campagne', 'bird', 'swine'] }],
  ['fr', USUAL, `à l'hôpital|à l'hosto|aux urgences`, { needBefore: ['est', 'etait', 'ete', 'suis', 'toujours', 'encore', 'actuellement', 'sejour', 'reste', 'rentre', 'entre', 'parti', 'partie', 'transporte', 'transportee', 'emmene', 'emmenee', 'fils', 'fille', 'mari', 'femme', 'mere', 'pere'],
    unlessBefore: ['travaille', 'bosse', 'poste', 'livraison', 'livre', 'livrer', 'rdv', 'reunion', 'infirmier', 'infirmiere', 'medecin'] }],
  ['fr', USUAL, 'malade|sourd|sourde', { unlessAfter: ['de', 'a', 'aux', 'au'] }],
  ['fr', WEAK, 'EHPAD', { needBefore: ['en', 'dans', 'vit', 'vivant', 'reside', 'entre', 'entree', 'place', 'placee', 'parti', 'partie'] }],
  // Work absences for health
  ['fr', STRONG, `arrêt maladie|arret de travail|arrêt de travail|congé maladie|congé longue maladie|mi-temps thérapeutique|invalidité|pension d'invalidité|
    accident du travail|maladie professionnelle|inapte|inaptitude|reconnaissance travailleur handicapé|RQTH|MDPH|AAH`],
  // Disability, French
  ['fr', STRONG, `handicap|handicapé|handicapée|personne handicapée|en situation de handicap|PMR|fauteuil roulant|en fauteuil|paraplégique|tétraplégique|
    paralysé|amputé|malvoyant|non-voyant|aveugle|malentendant|sourd-muet|muet|appareillé|appareil auditif|prothèse auditive|
    trisomique|trisomie|autiste|autisme|TDAH|hyperactif|dyslexique|dyslexie|déficience intellectuelle|polyhandicapé|infirme|invalide|canne blanche|chien guide`,
    { unlessAfter: ['bluetooth'] }],
  // Mental health, French
  ['fr', STRONG, `dépression|dépressif|dépressive|déprime|en dépression|burn-out|burn out|burnout|bipolaire|schizophrène|schizophrénie|psychose|psychotique|
    paranoïaque|trouble bipolaire|troubles bipolaires|troubles psychiatriques|trouble psychiatrique|troubles psychologiques|TOC|anorexie|anorexique|boulimie|boulimique|
    anxiété|anxieux|anxieuse|crise d'angoisse|crises d'angoisse|crises de panique|attaque de panique|phobie|stress post-traumatique|TSPT|
    tentative de suicide|suicidaire|idées noires|psychiatre|psychiatrique|psychiatrie|psychologue|psychothérapie|thérapeute|suivi psy|chez le psy|
    internement|interné|hôpital psychiatrique|antidépresseur*|anxiolytique*|neuroleptique*|somnifère*|Xanax|Prozac|Lexomil|Deroxat|Seroplex|Temesta|Stilnox|Zoloft|Valium|Tercian|Risperdal|Abilify`,
    { unlessBefore: ['rue'] }],
  // Pregnancy and fertility, French
  ['fr', STRONG, `grossesse|enceinte de|tombée enceinte|congé maternité|congé mat|accouchement|a accouché|accouche|fausse couche|IVG|avortement|PMA|FIV|
    infertilité|stérile|stérilité|ménopause|césarienne|post-partum|allaite|allaitement|sage-femme|gynécologue|gynéco|échographie|futur bébé`],
  ['fr', USUAL, 'enceinte', { unlessBefore: ['une', 'l', 'la', 'les', 'des', 'cette', 'ces', 'deux', 'trois', 'mon', 'ton', 'son', 'nos', 'vos', 'leurs', 'votre', 'notre', 'nouvelle', 'grande', 'petite', 'belle', 'paire', 'commande'],
    unlessAfter: ['bluetooth', 'connectee', 'portable', 'audio', 'sono', 'hifi', 'acoustique', 'jbl', 'bose', 'sonos', 'marshall', 'du', 'de', 'fortifiee', 'sportive'] }],
  // Addictions, French
  ['fr', STRONG, `alcoolique|alcoolisme|alcoolo|alcoolisé|problème d'alcool|problèmes d'alcool|pb d'alcool|boit beaucoup|boit trop|sent l'alcool|porté sur la bouteille|ivrogne|poivrot|soûlard|toxicomane|toxico|drogué|droguée|
    addiction|addict|accro à la drogue|accro au jeu|dépendance|désintox|désintoxication|cure de désintoxication|sevrage|méthadone|Subutex|héroïnomane|cocaïnomane|
    alcooliques anonymes|joueur compulsif|overdose`],
  // Medication and care, French
  ['fr', USUAL, `médicament*|traitement médical|sous traitement|son traitement|ses médicaments|ordonnance médicale|pilulier|infirmière à domicile|
    aide-soignante|soins à domicile|aidant|auxiliaire de vie|dialyses|radiothérapies|sous oxygène|oxygénothérapie|pompe à insuline|Doliprane|Ventoline|Metformine|
    anticoagulant*|corticoïdes|morphine|vaccin*|positif au covid|a le covid|a eu le covid|a attrapé le covid|test positif|cas contact`, { unlessBefore: ['rue', 'pharmacie', 'laboratoire'] }],
  ['fr', WEAK, `obèse|obésité|surpoids|régime sans sel|perte de mémoire|trous de mémoire|désorienté|sénile|opération du genou|opération de la hanche|
    opération du dos|opération du coeur|opéré de la hanche|opéré du genou|mal au dos|dos bloqué|cassé la jambe|jambe cassée|bras cassé|entorse|fracture|blessé|blessure`,
    { needBefore: PERSON_STATE.concat(['a', 'une', 'sa', 'son', 'suite', 'apres', 'pour', 'depuis', 'souffre', 'cause', 'avec', 's']) }],
  // English
  ['en', STRONG, `diabetes|diabetic|insulin|cancer|tumour|tumor|leukaemia|leukemia|lymphoma|chemo|chemotherapy|radiotherapy|oncologist|HIV|AIDS|HIV positive|
    hepatitis|cirrhosis|asthma|asthmatic|epilepsy|epileptic|seizure*|heart attack|heart condition|heart failure|heart surgery|stroke|high blood pressure|hypertension|
    dementia|Alzheimer's|Alzheimer|Parkinson's|Parkinson|multiple sclerosis|muscular dystrophy|cystic fibrosis|arthritis|fibromyalgia|endometriosis|lupus|Crohn's|
    kidney failure|dialysis|ulcer|stutter|stammer|pneumonia|bronchitis|shingles|vertigo|insomnia|haemophilia|hemophilia|sickle cell|tuberculosis|hernia|appendicitis|
    osteoporosis|zimmer frame|walking frame|mobility scooter|colostomy|motor neurone disease|MND|ALS|Asperger's|drinks too much|heavy drinker|genetic disorder|genetic condition|hereditary condition|Huntington's|BRCA1|BRCA2|transplant|chronic illness|chronic pain|terminally ill|terminal illness|long covid|ME/CFS|chronic fatigue|migraines|sleep apnoea|sleep apnea|
    disabled|disability|disabilities|wheelchair|wheelchair user|paraplegic|quadriplegic|amputee|visually impaired|partially sighted|hard of hearing|hearing aid|
    autistic|autism|ADHD|Down syndrome|Down's syndrome|dyslexic|dyslexia|learning disability|
    depression|depressed|anxiety|panic attack*|bipolar|schizophrenia|schizophrenic|psychosis|psychotic|OCD|PTSD|anorexia|anorexic|bulimia|eating disorder|
    suicidal|suicide attempt|self-harm|mental health|mental illness|nervous breakdown|psychiatrist|psychiatric|therapist|counselling|in therapy|
    antidepressant*|Prozac|Xanax|Valium|sectioned|
    pregnant|pregnancy|expecting a baby|maternity leave|miscarriage|IVF|fertility treatment|infertility|menopause|C-section|postnatal|breastfeeding|
    alcoholic|alcoholism|drinking problem|drug addict|addict|addiction|rehab|detox|overdose|methadone|AA meetings|Alcoholics Anonymous|gambling addiction|recovering addict|
    sick leave|off sick|sick note|signed off|medical leave|medical condition|medical history|health condition|health issues|health problems|health reasons|medical reasons|
    illness|seriously ill|hospitalised|hospitalized|in hospital|hospice|palliative care|surgery|operation on|knee replacement|hip replacement|physio|physiotherapy|
    medication|on medication|prescription|meds|allergic|allergy|allergies|gluten intolerant|coeliac|celiac|lactose intolerant|carer|care home|nursing home|
    obese|obesity|crutches|blood type|blood group|broken leg|broken arm|injury|injured|concussion|erectile dysfunction|Viagra|STD|STI|chlamydia`,
    { unlessAfter: ['street', 'st', 'road', 'rd', 'lane', 'ward'], unlessBefore: ['department', 'ministry'] }],
  ['en', USUAL, `blind|deaf`, { needBefore: ['is', 'was', 'been', 'being', 'went', 'going', 'registered', 'partially', 'legally', 'totally', 'profoundly', 's', 'completely', 'almost', 'nearly'], unlessAfter: ['spot', 'spots', 'date', 'test', 'copy', 'ear', 'to'] }],
  ['en', USUAL, `sick|ill|unwell|poorly`, { needBefore: ['is', 'was', 'been', 'being', 'fell', 'very', 'seriously', 'critically', 'gravely', 'terminally', 'still', 'got', 'has', 'feeling', 'felt', 'mentally', 'off', 's', 'registered', 'partially', 'legally', 'going', 'totally', 'profoundly'], unlessAfter: ['of', 'and', 'tired', 'with'] }],
]);
