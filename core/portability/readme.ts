/** README.txt of a portability package, English then French; it holds no personal data, so it stays readable without the passphrase. */
export function portabilityReadme(encrypted: boolean): string {
  const english = [
    'YOUR PERSONAL DATA',
    '',
    'This archive holds the personal data we keep about you, exported for your',
    'data portability request (GDPR, Article 20).',
    '',
    '- One folder per system (for example "salesforce-crm/"). In it, each kind of',
    '  record has two files holding the same records:',
    '  - NAME.json: the records in JSON, each with its identifier in that system;',
    '  - NAME.csv: the same records as a table that opens in a spreadsheet',
    '    (UTF-8, comma-separated, the first line names the columns). An empty cell',
    '    means no value; a cell holding a list or a group of values holds it as',
    '    JSON text.',
    '- manifest.json: describes your request, each system and each kind of record',
    '  (its columns, their type in the source system, their data category, the',
    '  number of records), and every file with its size and SHA-256 fingerprint,',
    '  so you can check that nothing was changed.',
    ...(encrypted
      ? [
          '',
          'Every file but this one is encrypted (AES-256) with the passphrase you chose.',
          'Open them with a tool that reads AES-encrypted ZIP files, such as 7-Zip,',
          'WinZip, Keka or The Unarchiver; the tools built into some systems cannot.',
          'We do not know your passphrase and cannot recover it.',
        ]
      : []),
  ];
  const french = [
    'VOS DONNÉES PERSONNELLES',
    '',
    'Cette archive contient les données personnelles que nous détenons sur vous,',
    'exportées pour votre demande de portabilité (RGPD, article 20).',
    '',
    '- Un dossier par système (par exemple « salesforce-crm/ »). Chaque type',
    '  d\'enregistrement y a deux fichiers contenant les mêmes enregistrements :',
    '  - NOM.json : les enregistrements en JSON, chacun avec son identifiant dans',
    '    ce système ;',
    '  - NOM.csv : les mêmes enregistrements sous forme de tableau, à ouvrir dans',
    '    un tableur (UTF-8, séparateur virgule, la première ligne nomme les',
    '    colonnes). Une cellule vide signifie « aucune valeur » ; une cellule',
    '    contenant une liste ou un groupe de valeurs les donne en texte JSON.',
    '- manifest.json : décrit votre demande, chaque système et chaque type',
    '  d\'enregistrement (ses colonnes, leur type dans le système source, leur',
    '  catégorie de données, le nombre d\'enregistrements), et chaque fichier avec',
    '  sa taille et son empreinte SHA-256, pour vérifier que rien n\'a été modifié.',
    ...(encrypted
      ? [
          '',
          'Tous les fichiers sauf celui-ci sont chiffrés (AES-256) avec la phrase secrète',
          'que vous avez choisie. Ouvrez-les avec un outil qui lit les ZIP chiffrés en',
          'AES, comme 7-Zip, WinZip, Keka ou The Unarchiver ; les outils intégrés à',
          'certains systèmes ne le peuvent pas. Nous ne connaissons pas votre phrase',
          'secrète et ne pouvons pas la retrouver.',
        ]
      : []),
  ];
  return `${[...english, '', '', ...french].join('\r\n')}\r\n`;
}
